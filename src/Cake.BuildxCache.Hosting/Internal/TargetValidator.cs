using Cake.Core;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>Rejects unknown targets with a message that lists the targets there are.</summary>
internal static class TargetValidator
{
    public static void EnsureKnown(IReadOnlyList<ICakeTaskInfo> tasks, IEnumerable<string> targets)
    {
        var unknown = targets
            .Where(target => !tasks.Any(task => task.Name.Equals(target, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var known = tasks.Count == 0
            ? "none (no task was registered)"
            : string.Join(", ", tasks.Select(task => task.Name).Order(StringComparer.OrdinalIgnoreCase));
        var subject = unknown.Count == 1
            ? $"The target '{unknown[0]}' was not found."
            : $"The targets {string.Join(", ", unknown.Select(name => $"'{name}'"))} were not found.";
        throw new CakeException($"{subject} Known targets: {known}. Pick one with --target=<name>.");
    }
}
