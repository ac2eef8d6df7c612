using FluentValidation;
using Orders;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseSerilog((_, logger) => logger.WriteTo.Console());
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen();
builder.Services.AddSingleton<IValidator<NewOrder>, NewOrderValidator>();
builder.Services.AddSingleton(new OrderStore(builder.Configuration.GetConnectionString("Orders") ?? "Data Source=/tmp/orders.db"));

var app = builder.Build();
app.UseSerilogRequestLogging();
app.UseSwagger();
app.UseSwaggerUI();

await app.Services.GetRequiredService<OrderStore>().InitializeAsync();

app.MapGet("/health", () => Results.Ok(new { status = "ok", service = ServiceInfo.Name, version = ServiceInfo.Version }));
app.MapGet("/orders", (OrderStore store) => store.ListAsync());
app.MapPost("/orders", async (NewOrder order, IValidator<NewOrder> validator, OrderStore store) =>
{
    var result = await validator.ValidateAsync(order);
    if (!result.IsValid)
    {
        return Results.ValidationProblem(result.ToDictionary());
    }
    var stored = await store.AddAsync(order);
    return Results.Created($"/orders/{stored.Id}", stored);
});

app.Run();
