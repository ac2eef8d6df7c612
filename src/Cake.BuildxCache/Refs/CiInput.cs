namespace Cake.BuildxCache.Refs;

/// <summary>One value a CI reader took from a CI variable or the event payload, kept so it can be checked like an option.</summary>
/// <param name="Kind">What it stands for.</param>
/// <param name="Source">Where it came from: the variable's name, or the payload field and <c>GITHUB_EVENT_PATH</c>.</param>
/// <param name="Value">The value as given.</param>
/// <param name="NameSource">For a slug: the variable of the ref name it must be the slug of.</param>
/// <param name="Name">For a slug: that ref name, or null when it is not set.</param>
internal sealed record CiInput(CiInputKind Kind, string Source, string Value, string? NameSource = null, string? Name = null);
