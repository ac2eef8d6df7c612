namespace Cake.BuildxCache.Options;

/// <summary>Reads one option's value from its sources; false when no source sets a readable value.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="reading">The sources, with the origins and problems found so far.</param>
/// <param name="option">The option read.</param>
/// <param name="value">The value when one was read.</param>
/// <returns>True when a value was read.</returns>
internal delegate bool OptionParser<T>(OptionReading reading, OptionDescriptor option, out T value);
