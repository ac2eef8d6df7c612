namespace Orders;

/// <summary>An order as stored and returned.</summary>
public sealed record Order(long Id, string Customer, string Item, int Quantity);
