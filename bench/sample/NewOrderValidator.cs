using FluentValidation;

namespace Orders;

/// <summary>Rules a new order must meet before it is stored.</summary>
public sealed class NewOrderValidator : AbstractValidator<NewOrder>
{
    public NewOrderValidator()
    {
        RuleFor(order => order.Customer).NotEmpty().MaximumLength(100);
        RuleFor(order => order.Item).NotEmpty().MaximumLength(100);
        RuleFor(order => order.Quantity).InclusiveBetween(1, 1000);
    }
}
