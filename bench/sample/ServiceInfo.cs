namespace Orders;

/// <summary>What /health says about this build.</summary>
public static class ServiceInfo
{
    public const string Name = "orders";
    public const string Version = "1.0.0";
}
