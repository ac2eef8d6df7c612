namespace Cake.BuildxCache.Tests.Tasks.Support;

/// <summary>Docker argument lists the scenarios share, exactly as the runners render them.</summary>
internal static class Commands
{
    public const string Version = "buildx version";
    public const string Inspect = "buildx inspect \"buildx-cache\"";
    public const string InspectBootstrap = "buildx inspect --bootstrap \"buildx-cache\"";
    public const string Create = "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.32.2\" --bootstrap";
    public const string Remove = "buildx rm \"buildx-cache\"";
    public const string GitLabLogin = "login --username \"gitlab-ci-token\" --password-stdin \"registry.gitlab.example.com\"";
    public const string GitLabLogout = "logout \"registry.gitlab.example.com\"";

    /// <summary>The labels and build argument of commit <see cref="Jobs.Sha"/> at <see cref="FixedClockContext.Created"/>.</summary>
    public static string Labels(string refName, string source, string title = "app") =>
        "--label \"org.opencontainers.image.created=2025-03-04T05:06:07Z\" "
        + $"--label \"org.opencontainers.image.ref.name={refName}\" "
        + $"--label \"org.opencontainers.image.revision={Jobs.Sha}\" "
        + $"--label \"org.opencontainers.image.source={source}\" "
        + $"--label \"org.opencontainers.image.title={title}\" "
        + $"--build-arg \"GIT_COMMIT={Jobs.Sha}\"";
}
