namespace Cake.BuildxCache.Options;

/// <summary>
/// A secret value (a registry password or token). Its <see cref="ToString"/> never shows the value, so a
/// secret can sit in records, log lines and exception messages without leaking; only
/// <see cref="Reveal"/> gives it out, for the one place that needs it (<c>docker login --password-stdin</c>).
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    /// <summary>What <see cref="ToString"/> prints instead of the value.</summary>
    public const string Redacted = "[redacted]";

    private readonly string value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    /// <param name="value">The secret text.</param>
    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        this.value = value;
    }

    /// <summary>True when the secret is empty.</summary>
    public bool IsEmpty => value.Length == 0;

    /// <summary>The secret text. Call it only where the value is handed to the tool that needs it.</summary>
    /// <returns>The value.</returns>
    public string Reveal() => value;

    /// <summary>Always <see cref="Redacted"/>.</summary>
    /// <returns><see cref="Redacted"/>.</returns>
    public override string ToString() => Redacted;

    /// <inheritdoc />
    public bool Equals(Secret? other) => other is not null && string.Equals(value, other.value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Secret);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(value);
}
