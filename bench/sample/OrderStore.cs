using Dapper;
using Microsoft.Data.Sqlite;
using Polly;

namespace Orders;

/// <summary>Orders in a SQLite database; a busy database is retried a few times.</summary>
public sealed class OrderStore(string connectionString)
{
    private readonly ResiliencePipeline retry = new ResiliencePipelineBuilder()
        .AddRetry(new() { ShouldHandle = new PredicateBuilder().Handle<SqliteException>(), MaxRetryAttempts = 3 })
        .Build();

    public async Task InitializeAsync()
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, item TEXT NOT NULL, quantity INTEGER NOT NULL)");
    }

    public Task<IEnumerable<Order>> ListAsync() => retry.ExecuteAsync(async _ =>
    {
        await using var connection = new SqliteConnection(connectionString);
        return await connection.QueryAsync<Order>("SELECT id, customer, item, quantity FROM orders ORDER BY id");
    }).AsTask();

    public Task<Order> AddAsync(NewOrder order) => retry.ExecuteAsync(async _ =>
    {
        await using var connection = new SqliteConnection(connectionString);
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO orders (customer, item, quantity) VALUES (@Customer, @Item, @Quantity) RETURNING id", order);
        return new Order(id, order.Customer, order.Item, order.Quantity);
    }).AsTask();
}
