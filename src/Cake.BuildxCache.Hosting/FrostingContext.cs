using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>
/// The default build context: Cake's own context, adapted. Derive from it and register the subclass
/// with <see cref="CakeHost.UseContext{TContext}"/> to give tasks state of their own.
/// </summary>
public class FrostingContext : CakeContextAdapter, IFrostingContext
{
    /// <summary>Initializes a new instance of the <see cref="FrostingContext"/> class.</summary>
    /// <param name="context">Cake's context, resolved by the host.</param>
    public FrostingContext(ICakeContext context)
        : base(context)
    {
    }
}
