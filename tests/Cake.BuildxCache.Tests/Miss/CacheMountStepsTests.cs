using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>The step-input digest of a cache mount and the decision to fill it before the build.</summary>
public sealed class CacheMountStepsTests
{
    private const string Sdk = "registry.example.com/sdk:10";
    private const string SdkDigest = "sha256:" + "1111111111111111111111111111111111111111111111111111111111111111";
    private const string CacheRef = "registry.example.com/app/cache:main";

    private const string Dockerfile = """
        ARG SDK=registry.example.com/sdk:10
        FROM ${SDK} AS build
        ARG CONFIGURATION=Release
        WORKDIR /src
        COPY app.csproj ./
        RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet restore
        COPY . ./
        RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet publish -c $CONFIGURATION -o /app

        FROM registry.example.com/runtime:10
        COPY --from=build /app /app

        """;

    private static readonly Dictionary<int, string?> Files = new() { [5] = "sha256:csproj", [7] = "sha256:all" };

    private static (string? Digest, string Why) DigestOf(
        string dockerfile = Dockerfile,
        IReadOnlyDictionary<string, string?>? bases = null,
        IReadOnlyDictionary<string, string>? args = null,
        IReadOnlyDictionary<int, string?>? files = null,
        IReadOnlyList<KeyValuePair<string, string>>? buildArgs = null)
    {
        var outline = DockerfileOutline.Parse(dockerfile);
        var mount = CacheMountReader.Read(dockerfile, null).Mounts.Single();
        var inputs = CacheMountSteps.Inputs(outline, mount, buildArgs ?? []);
        return CacheMountSteps.Digest(inputs, bases ?? new Dictionary<string, string?> { [Sdk] = SdkDigest }, args, ["linux/amd64"], files ?? Files);
    }

    private static CacheRecord Recorded(string? digest) =>
        CacheMountSteps.AddTo(CacheRecord.Of(new string('a', 40)), digest is null ? null : new Dictionary<string, string> { ["nuget"] = digest });

    private static string? Matched(string? digest, string? recorded) =>
        CacheMountSteps.Fill("nuget", digest, "why", [CacheRef], new Dictionary<string, CacheRecord> { [CacheRef] = Recorded(recorded) }).MatchedRef;

    [Test]
    public void The_same_inputs_skip_the_fill()
    {
        var (digest, _) = DigestOf();
        Assert.That(digest, Does.Match("^sha256:[0-9a-f]{64}$"));
        Assert.That(DigestOf().Digest, Is.EqualTo(digest), "the same inputs make the same digest");
        Assert.That(Matched(DigestOf().Digest, digest), Is.EqualTo(CacheRef));
        var (_, why) = CacheMountSteps.Fill("nuget", digest, "why", [CacheRef], new Dictionary<string, CacheRecord> { [CacheRef] = Recorded(digest) });
        Assert.That(why, Is.EqualTo($"its steps' inputs match {CacheRef}'s cache (the steps will come from the layer cache)"));
    }

    [Test]
    public void A_changed_project_file_or_a_source_copied_before_the_later_step_that_mounts_it_fills()
    {
        var (before, _) = DigestOf();
        Assert.That(Matched(DigestOf(files: new Dictionary<int, string?> { [5] = "sha256:csproj2", [7] = "sha256:all" }).Digest, before), Is.Null, "the csproj changed");
        Assert.That(Matched(DigestOf(files: new Dictionary<int, string?> { [5] = "sha256:csproj", [7] = "sha256:all2" }).Digest, before), Is.Null, "publish mounts it too, after COPY . ./");
    }

    [Test]
    public void A_moved_base_image_fills()
    {
        var (before, _) = DigestOf();
        var moved = DigestOf(bases: new Dictionary<string, string?> { [Sdk] = "sha256:" + new string('2', 64) });
        Assert.That(Matched(moved.Digest, before), Is.Null);
        Assert.That(DigestOf(bases: new Dictionary<string, string?> { [Sdk] = null }), Is.EqualTo(((string?)null, "the base image ${SDK}'s digest is not known")));
    }

    [Test]
    public void A_base_image_made_of_a_build_argument_is_resolved_by_its_value()
    {
        var other = DigestOf(bases: new Dictionary<string, string?> { ["mirror.example.com/sdk:10"] = SdkDigest }, buildArgs: [new("SDK", "mirror.example.com/sdk:10")]);
        Assert.That(other.Digest, Is.EqualTo(DigestOf().Digest), "the digest covers the image's digest, not the reference the argument made");
        Assert.That(DigestOf(buildArgs: [new("SDK", "mirror.example.com/sdk:10")]).Digest, Is.Null, "that image's digest is not known");
        var pinned = Dockerfile.Replace("FROM ${SDK}", "FROM registry.example.com/sdk@" + SdkDigest, StringComparison.Ordinal);
        Assert.That(DigestOf(pinned, bases: new Dictionary<string, string?>()).Digest, Is.Not.Null, "a pinned digest needs no registry");
    }

    [TestCase("COPY --from=registry.example.com/tools:1 /tool /tool", "COPY --from")]
    [TestCase("ADD https://example.com/a.tgz /a.tgz", "URL")]
    [TestCase("RUN --mount=type=bind,source=x,target=/x cat /x", "context or another stage")]
    [TestCase("COPY <<EOF /a.txt", "heredoc")]
    public void What_the_module_cannot_see_is_unknown_and_fills(string instruction, string why)
    {
        var dockerfile = Dockerfile.Replace("WORKDIR /src", "WORKDIR /src\n" + instruction + (instruction.Contains("<<", StringComparison.Ordinal) ? "\nx\nEOF" : string.Empty), StringComparison.Ordinal);
        var (digest, unknown) = DigestOf(dockerfile, files: new Dictionary<int, string?> { [6] = "sha256:csproj", [8] = "sha256:all" });
        Assert.That(digest, Is.Null);
        Assert.That(unknown, Does.Contain(why));
        Assert.That(CacheMountSteps.Fill("nuget", digest, unknown, [CacheRef], new Dictionary<string, CacheRecord>()).Why, Does.StartWith("its steps' inputs are not known"));
        Assert.That(DigestOf(files: new Dictionary<int, string?> { [5] = null, [7] = "sha256:all" }).Digest, Is.Null, "files that could not be read");
    }

    [Test]
    public void A_build_argument_in_scope_counts_by_its_keyed_digest_and_without_one_fills()
    {
        List<KeyValuePair<string, string>> passed = [new("CONFIGURATION", "Debug"), new("UNRELATED", "x")];
        var unkeyed = DigestOf(buildArgs: passed);
        Assert.That(unkeyed.Digest, Is.Null);
        Assert.That(unkeyed.Why, Does.Contain("CONFIGURATION").And.Contain("--cache-record-key"));

        var key = new RecordKey("k");
        var debug = DigestOf(buildArgs: passed, args: new Dictionary<string, string> { ["CONFIGURATION"] = key.Digest("Debug") }).Digest;
        var release = DigestOf(buildArgs: passed, args: new Dictionary<string, string> { ["CONFIGURATION"] = key.Digest("Release") }).Digest;
        Assert.That(debug, Is.Not.Null.And.Not.EqualTo(release));
        Assert.That(Matched(debug, release), Is.Null);
        Assert.That(DigestOf(buildArgs: [new("UNRELATED", "x")]).Digest, Is.EqualTo(DigestOf().Digest), "an argument no ARG of the chain declares is not an input");
    }

    [Test]
    public void Nothing_recorded_or_records_not_read_fills()
    {
        var (digest, _) = DigestOf();
        Assert.That(Matched(digest, null), Is.Null, "a record without mount-steps");
        Assert.That(CacheMountSteps.Fill("nuget", digest, "why", [CacheRef], null), Is.EqualTo(((string?)null, "the layer cache refs' records were not read (--check-cache-refs=false)")));
        Assert.That(CacheMountSteps.Read(Recorded(digest)), Is.EqualTo(new Dictionary<string, string> { ["nuget"] = digest! }));
        Assert.That(Recorded(digest).Fields[CacheMountSteps.Field], Is.EqualTo($$"""{"nuget":"{{digest}}"}"""));
    }
}
