namespace Orders;

/// <summary>What a client sends to place an order.</summary>
public sealed record NewOrder(string Customer, string Item, int Quantity);
