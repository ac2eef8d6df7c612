namespace Cake.BuildxCache.Options;

/// <summary>The ways an option's text becomes its value; each reports unreadable text as a problem.</summary>
internal static class OptionParsers
{
    public static bool Text(OptionReading reading, OptionDescriptor option, out string value)
    {
        value = reading.Text(option) ?? string.Empty;
        return value.Length > 0;
    }

    public static bool OptionalText(OptionReading reading, OptionDescriptor option, out string? value)
    {
        value = reading.Text(option);
        return value is not null;
    }

    public static bool Flag(OptionReading reading, OptionDescriptor option, out bool value)
    {
        var read = reading.Bool(option);
        value = read ?? false;
        return read is not null;
    }

    public static bool OptionalFlag(OptionReading reading, OptionDescriptor option, out bool? value)
    {
        value = reading.Bool(option);
        return value is not null;
    }

    public static bool Choice<TEnum>(OptionReading reading, OptionDescriptor option, out TEnum value)
        where TEnum : struct, Enum
    {
        var read = reading.Choice<TEnum>(option);
        value = read ?? default;
        return read is not null;
    }

    public static bool OptionalChoice<TEnum>(OptionReading reading, OptionDescriptor option, out TEnum? value)
        where TEnum : struct, Enum
    {
        value = reading.Choice<TEnum>(option);
        return value is not null;
    }

    public static bool Percent(OptionReading reading, OptionDescriptor option, out int? value)
    {
        value = reading.Percent(option);
        return value is not null;
    }

    public static bool List(OptionReading reading, OptionDescriptor option, out IReadOnlyList<string> value)
    {
        value = reading.List(option);
        return value.Count > 0;
    }

    public static bool Items(OptionReading reading, OptionDescriptor option, out IReadOnlyList<string> value)
    {
        value = reading.Items(option);
        return value.Count > 0;
    }

    public static bool Pairs(OptionReading reading, OptionDescriptor option, out IReadOnlyList<KeyValuePair<string, string>> value)
    {
        value = reading.Pairs(option);
        return value.Count > 0;
    }

    /// <summary><c>key=value</c> items read as buildx reads <c>--driver-opt</c>: CSV, a field with a comma quoted whole.</summary>
    public static bool BuildxCsvPairs(OptionReading reading, OptionDescriptor option, out IReadOnlyList<KeyValuePair<string, string>> value)
    {
        value = reading.Pairs(option, asBuildxCsv: true);
        return value.Count > 0;
    }

    public static bool Secret(OptionReading reading, OptionDescriptor option, out Secret? value)
    {
        value = reading.Secret(option);
        return value is not null;
    }
}
