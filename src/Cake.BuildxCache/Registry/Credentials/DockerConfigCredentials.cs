using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Credentials from docker's client configuration, <c>$DOCKER_CONFIG/config.json</c> (default
/// <c>~/.docker/config.json</c>), as <c>docker login</c> writes them: <c>auths.&lt;host&gt;.auth</c> is
/// base64 of <c>user:password</c> (older files: <c>username</c> and <c>password</c>). Keys may carry a scheme
/// and path (<c>https://index.docker.io/v1/</c>); they are matched by host. Credential helpers
/// (<c>credHelpers</c>, <c>credsStore</c>) and OAuth identity tokens are not run: the lookup reports them as
/// unsupported with what to do instead (pass registry-user/registry-password). The file is read on every
/// lookup; a missing file means no credentials, an unreadable one is unsupported.
/// </summary>
internal sealed class DockerConfigCredentials : IRegistryCredentialSource
{
    /// <summary>Reads <paramref name="configDirectory"/>/config.json.</summary>
    /// <param name="configDirectory">The docker configuration directory.</param>
    public DockerConfigCredentials(string configDirectory)
    {
        ArgumentNullException.ThrowIfNull(configDirectory);
        ConfigFile = Path.Combine(configDirectory, "config.json");
    }

    /// <summary>The file read.</summary>
    public string ConfigFile { get; }

    /// <summary>The docker configuration directory: <c>DOCKER_CONFIG</c> when set, else <c>~/.docker</c>.</summary>
    /// <param name="environment">Reads an environment variable (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <returns>The directory.</returns>
    public static string DefaultDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configured = environment("DOCKER_CONFIG");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var home = environment("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, ".docker");
    }

    /// <inheritdoc />
    public CredentialLookup Find(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var wanted = RegistryEndpoint.NormalizeHost(host);
        if (!File.Exists(ConfigFile))
        {
            return CredentialLookup.None;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(ConfigFile), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            // The exception text may quote the file's content: keep it out of the message.
            return CredentialLookup.Unsupported($"{ConfigFile} could not be read ({exception.GetType().Name}); pass registry-user and registry-password instead");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return CredentialLookup.Unsupported($"{ConfigFile} is not a JSON object; pass registry-user and registry-password instead");
            }

            if (root.TryGetProperty("credHelpers", out var helpers) && helpers.ValueKind == JsonValueKind.Object)
            {
                foreach (var helper in helpers.EnumerateObject())
                {
                    if (KeyHost(helper.Name) == wanted)
                    {
                        return CredentialLookup.Unsupported(
                            $"{ConfigFile} keeps the credentials of {wanted} in the credential helper 'docker-credential-{helper.Value.GetString()}' (credHelpers), which is not supported; pass registry-user and registry-password instead");
                    }
                }
            }

            if (root.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in auths.EnumerateObject())
                {
                    if (KeyHost(entry.Name) == wanted && entry.Value.ValueKind == JsonValueKind.Object)
                    {
                        var found = FromEntry(entry.Value, wanted);
                        if (found is not null)
                        {
                            return found;
                        }
                    }
                }
            }

            if (root.TryGetProperty("credsStore", out var store) && store.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(store.GetString()))
            {
                return CredentialLookup.Unsupported(
                    $"{ConfigFile} keeps credentials in the credential store 'docker-credential-{store.GetString()}' (credsStore), which is not supported; pass registry-user and registry-password instead");
            }

            return CredentialLookup.None;
        }
    }

    /// <summary>The normalized host of an <c>auths</c> key: scheme and path dropped, Docker Hub's aliases folded.</summary>
    /// <param name="key">A key such as <c>https://index.docker.io/v1/</c> or <c>registry.example.com:5000</c>.</param>
    /// <returns>The host.</returns>
    public static string KeyHost(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = key.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            text = text[..slash];
        }

        return RegistryEndpoint.NormalizeHost(text);
    }

    private CredentialLookup? FromEntry(JsonElement entry, string host)
    {
        var source = ConfigFile;
        if (entry.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(auth.GetString()))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.GetString()!));
            }
            catch (FormatException)
            {
                return CredentialLookup.Unsupported($"{ConfigFile}: auths entry of {host} is not base64 of user:password; run docker login {host} again or pass registry-user and registry-password");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return CredentialLookup.Unsupported($"{ConfigFile}: auths entry of {host} does not decode to user:password; run docker login {host} again or pass registry-user and registry-password");
            }

            return CredentialLookup.Found(new RegistryCredentials(decoded[..colon], new Secret(decoded[(colon + 1)..]), source));
        }

        if (entry.TryGetProperty("username", out var user) && user.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(user.GetString())
            && entry.TryGetProperty("password", out var password) && password.ValueKind == JsonValueKind.String)
        {
            return CredentialLookup.Found(new RegistryCredentials(user.GetString()!, new Secret(password.GetString()!), source));
        }

        if (entry.TryGetProperty("identitytoken", out var identity) && identity.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(identity.GetString()))
        {
            return CredentialLookup.Unsupported($"{ConfigFile}: {host} was logged in to with an OAuth identity token, which is not supported; pass registry-user and registry-password instead");
        }

        return null;
    }
}
