namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>Reads the report <c>./build.sh --target=Plan</c> prints: <c>  name:   value</c> lines, lists continued below.</summary>
internal sealed class PlanOutput(IReadOnlyList<string> lines)
{
    private const int ValueColumn = 18;

    public IReadOnlyList<string> Lines => lines;

    /// <summary>The values of the field <paramref name="name"/> (<c>cache from</c>, <c>tags</c>, …) in <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Field(string name, string section = "Plan")
    {
        var start = lines.ToList().IndexOf(section);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no section {section} in:\n{string.Join('\n', lines)}");
        var prefix = $"  {name}:";
        var values = new List<string>();
        for (var i = start + 1; i < lines.Count && lines[i].StartsWith("  ", StringComparison.Ordinal); i++)
        {
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                values.Add(lines[i][ValueColumn..].Trim());
                for (var j = i + 1; j < lines.Count && lines[j].StartsWith(new string(' ', ValueColumn), StringComparison.Ordinal); j++)
                {
                    values.Add(lines[j].Trim());
                }
            }
        }

        return values;
    }

    public string Single(string name, string section = "Plan")
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
