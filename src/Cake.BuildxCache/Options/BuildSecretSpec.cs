using Cake.BuildxCache.Docker.Build;

namespace Cake.BuildxCache.Options;

/// <summary>
/// Reads one <c>--secret</c> value the way buildx does (<c>util/buildflags/secrets.go</c>, <c>Secret.UnmarshalText</c>:
/// comma-separated <c>key=value</c> fields <c>id</c>, <c>src</c>/<c>source</c>, <c>env</c>, <c>type=file|env</c>), but
/// stricter: a source must be named. buildx would fall back to an environment variable or a file named like the id,
/// which hides a typo until the build's <c>RUN</c> finds no secret.
/// </summary>
internal static class BuildSecretSpec
{
    /// <summary>Reads <c>id=…,env=VARIABLE</c> or <c>id=…,src=FILE</c>.</summary>
    /// <param name="text">The value.</param>
    /// <param name="secret">The secret, when readable.</param>
    /// <param name="problem">What is wrong, when not.</param>
    /// <returns>True when readable.</returns>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BuildSecret? secret, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        secret = null;
        string? id = null, src = null, env = null, type = null;
        foreach (var field in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"has '{field}', which is not key=value (write id=NAME,env=VARIABLE or id=NAME,src=FILE)";
                return false;
            }

            var value = field[(equals + 1)..].Trim();
            switch (field[..equals].Trim().ToLowerInvariant())
            {
                case "id":
                    id = value;
                    break;
                case "src" or "source":
                    src = value;
                    break;
                case "env":
                    env = value;
                    break;
                case "type" when value is "file" or "env":
                    type = value;
                    break;
                case "type":
                    problem = $"has type={value}: buildx knows type=file and type=env";
                    return false;
                default:
                    problem = $"has the key '{field[..equals].Trim()}': a secret takes id, env or src";
                    return false;
            }
        }

        // buildx: type=env with src= only names the variable by src.
        if (type == "env" && env is null)
        {
            (env, src) = (src, null);
        }

        if (string.IsNullOrEmpty(id))
        {
            problem = "has no id= (the id RUN --mount=type=secret,id=… mounts)";
            return false;
        }

        if (!OptionFormats.IsSecretId(id))
        {
            problem = $"has the id '{id}': letters, digits, '.', '_' and '-' only";
            return false;
        }

        if (string.IsNullOrEmpty(env) == string.IsNullOrEmpty(src))
        {
            problem = env is null
                ? "names no source: add env=VARIABLE (the value from an environment variable) or src=FILE"
                : "names both env= and src=: give one";
            return false;
        }

        if (env is not null && !OptionFormats.IsBuildArgName(env))
        {
            problem = $"names the environment variable '{env}', which is not a variable name (a letter or '_', then letters, digits or '_')";
            return false;
        }

        secret = env is not null ? BuildSecret.FromEnvironment(id, env) : BuildSecret.FromFile(id, src!);
        problem = null;
        return true;
    }
}
