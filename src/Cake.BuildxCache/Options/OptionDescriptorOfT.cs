namespace Cake.BuildxCache.Options;

/// <summary>
/// An option of type <typeparamref name="T"/>: its default, how it is parsed from text, its property of
/// <see cref="BuildxCacheOptions"/> (which a consumer sets with <c>options with { … }</c>) and how it is printed.
/// Declared once, in <see cref="OptionCatalog"/>.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class OptionDescriptor<T> : OptionDescriptor
{
    private readonly OptionParser<T> parse;
    private readonly Func<BuildxCacheOptions, T> get;
    private readonly Func<BuildxCacheOptions, T, BuildxCacheOptions> set;

    internal OptionDescriptor(string name, OptionParser<T> parse, Func<BuildxCacheOptions, T> get, Func<BuildxCacheOptions, T, BuildxCacheOptions> set)
        : base(name)
    {
        this.parse = parse;
        this.get = get;
        this.set = set;
    }

    /// <summary>The value when no source sets the option.</summary>
    public required T Default { get; init; }

    /// <summary>The default as people read it when it is not a plain value (<c>&lt;image&gt;/cache</c>).</summary>
    public string? DefaultDescription { get; init; }

    /// <summary>What printouts show instead of the stored value (the effective cache repository).</summary>
    internal Func<BuildxCacheOptions, string?>? Shown { get; init; }

    /// <inheritdoc />
    public override bool IsList => Default is System.Collections.IEnumerable and not string;

    /// <inheritdoc />
    public override bool HasItemKeys => typeof(T) == typeof(IReadOnlyList<KeyValuePair<string, string>>);

    /// <inheritdoc />
    public override string DefaultText => DefaultDescription ?? OptionValueText.Of(Default) ?? string.Empty;

    // For code that walks several options alike (checks over a list of them, the catalog's printouts); a consumer reads the property.
    internal T ValueIn(BuildxCacheOptions options) => get(options);

    internal override BuildxCacheOptions ReadInto(OptionReading reading, BuildxCacheOptions options) =>
        parse(reading, this, out var value) ? set(options, value) : options;

    internal override string? Format(BuildxCacheOptions options) =>
        Shown is null ? OptionValueText.Of(get(options)) : Shown(options);
}
