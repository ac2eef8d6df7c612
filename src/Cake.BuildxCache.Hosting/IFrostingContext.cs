using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>The context every task of a <see cref="CakeHost"/> receives (as in Cake.Frosting).</summary>
public interface IFrostingContext : ICakeContext
{
}
