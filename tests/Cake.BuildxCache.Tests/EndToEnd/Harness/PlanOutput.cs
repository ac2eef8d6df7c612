namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>Reads the report <c>./build.sh --target=Plan</c> prints: <c>  name:   value</c> lines, lists continued below.</summary>
internal sealed class PlanOutput(IReadOnlyList<string> lines)
{
    public IReadOnlyList<string> Lines => lines;

    /// <summary>
    /// The values of the field <paramref name="name"/> (<c>cache from</c>, <c>tags</c>, …) in <paramref name="section"/>
    /// (a header as printed, or its first word: <c>Images</c> for <c>Images (1)</c>, whose fields sit one level deeper).
    /// </summary>
    public IReadOnlyList<string> Field(string name, string section = "Images")
    {
        var start = lines.ToList().FindIndex(line => line == section || line.StartsWith(section + " (", StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no section {section} in:\n{string.Join('\n', lines)}");
        var label = $"{name}:";
        var values = new List<string>();
        for (var i = start + 1; i < lines.Count && lines[i].StartsWith("  ", StringComparison.Ordinal); i++)
        {
            var text = lines[i].TrimStart();
            if (text.StartsWith(label, StringComparison.Ordinal))
            {
                var rest = text[label.Length..];
                var column = lines[i].Length - text.Length + label.Length + (rest.Length - rest.TrimStart().Length);
                values.Add(rest.Trim());
                for (var j = i + 1; j < lines.Count && lines[j].Length > column && lines[j][..column].Trim().Length == 0; j++)
                {
                    values.Add(lines[j].Trim());
                }
            }
        }

        return values;
    }

    public string Single(string name, string section = "Images")
    {
        var values = Field(name, section);
        Assert.That(values, Has.Count.EqualTo(1), $"{section}/{name}");
        return values[0];
    }

    /// <summary>The command line printed under <paramref name="task"/> starting with <paramref name="command"/>.</summary>
    public string Command(string task, string command)
    {
        var start = lines.ToList().IndexOf($"  {task}:");
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no commands of {task}");
        return lines.Skip(start + 1).TakeWhile(line => line.StartsWith("    ", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .First(line => line.StartsWith(command, StringComparison.Ordinal));
    }
}
