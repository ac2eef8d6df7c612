using System.Collections.Immutable;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>The cause analysis: which step missed first, and why, over what the build can see.</summary>
public sealed class CacheMissAnalysisTests
{
    private const string Base = "127.0.0.1:5000/base/busybox:1";

    private const string ArgEarly = """
        FROM 127.0.0.1:5000/base/busybox:1
        WORKDIR /app
        ARG GIT_COMMIT
        RUN echo one > /one
        RUN echo two > /two
        """;

    private const string CopyAll = """
        # syntax=docker/dockerfile:1
        FROM 127.0.0.1:5000/base/busybox:1 AS build
        RUN echo deps > /deps
        COPY . /src
        RUN ls /src > /listing

        FROM build
        ARG GIT_COMMIT
        RUN echo "$GIT_COMMIT" > /commit
        """;

    private const string TwoStages = """
        FROM 127.0.0.1:5000/base/busybox:1 AS slow
        RUN sleep 1

        FROM 127.0.0.1:5000/base/busybox:1
        ARG GIT_COMMIT
        COPY --from=slow /out /out
        RUN echo "$GIT_COMMIT" > /commit
        """;

    private static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    private static readonly RecordKey Key = new("a-record-key-of-the-tests-000000000000");

    private static CacheInputs Inputs(string commit, string baseDigest = "sha256:aaaa", RecordKey? key = null) =>
        CacheInputs.Of([new("GIT_COMMIT", commit)], ["GIT_COMMIT"], key ?? Key, Map((Base, baseDigest)));

    private static CacheMissFacts Facts(string dockerfile, string[] ran, CacheInputs? written = null, CacheInputs? now = null, bool git = true, bool ignored = false, string? cacheRef = "r/cache:main") =>
        new(ran, DockerfileOutline.Parse(dockerfile), written ?? Inputs("a"), cacheRef, now ?? Inputs("a"), git, ignored);

    public static IEnumerable<TestCaseData> Cases()
    {
        // GIT_COMMIT declared early: the first RUN after it misses, with the line of the ARG.
        yield return new TestCaseData(Facts(ArgEarly, ["[3/4] RUN echo one > /one", "[4/4] RUN echo two > /two"], Inputs("a"), Inputs("b")),
            MissCause.BuildArg, 4, "build argument GIT_COMMIT changed since the cache was written (declared at Dockerfile line 3, before the first step that ran)")
            .SetName("A changed build argument declared before a RUN");

        // The steps in BuildKit's order are not the Dockerfile's: the earliest line is the first miss.
        yield return new TestCaseData(Facts(ArgEarly, ["[4/4] RUN echo two > /two", "[3/4] RUN echo one > /one"], Inputs("a"), Inputs("b")),
            MissCause.BuildArg, 4, "build argument GIT_COMMIT changed")
            .SetName("The first miss is the earliest in the Dockerfile");

        // The same value: the argument is no cause.
        yield return new TestCaseData(Facts(ArgEarly, ["[3/4] RUN echo one > /one"], Inputs("a"), Inputs("a")),
            MissCause.Unknown, 4, CacheMissAnalysis.NoKnownCause)
            .SetName("An unchanged build argument is no cause");

        // COPY . with .git and no .dockerignore, the argument not used by COPY.
        yield return new TestCaseData(Facts(CopyAll, ["[build 3/4] COPY . /src", "[build 4/4] RUN ls /src > /listing"], Inputs("a"), Inputs("b")),
            MissCause.GitInContext, 4, "COPY copies the whole context, and its .git changes with every commit (no .dockerignore excludes .git)")
            .SetName("COPY . with .git in the context");

        yield return new TestCaseData(Facts(CopyAll, ["[build 3/4] COPY . /src"], git: true, ignored: true),
            MissCause.Unknown, 4, CacheMissAnalysis.NoKnownCause)
            .SetName("COPY . with .git excluded by .dockerignore is no cause");

        yield return new TestCaseData(Facts(CopyAll, ["[build 3/4] COPY . /src"], git: false),
            MissCause.Unknown, 4, CacheMissAnalysis.NoKnownCause)
            .SetName("COPY . without .git in the context is no cause");

        // A stage FROM an earlier stage: its RUN after the ARG misses, and the base stage is fully cached.
        yield return new TestCaseData(Facts(CopyAll, ["[stage-1 1/1] RUN echo \"$GIT_COMMIT\" > /commit"], Inputs("a"), Inputs("b")),
            MissCause.BuildArg, 9, "build argument GIT_COMMIT changed since the cache was written (declared at Dockerfile line 8")
            .SetName("A stage from an earlier stage, labelled stage-1");

        // A changed base image comes before a changed argument.
        yield return new TestCaseData(Facts(ArgEarly, ["[2/4] WORKDIR /app", "[3/4] RUN echo one > /one"], Inputs("a", "sha256:aaaa"), Inputs("b", "sha256:bbbb")),
            MissCause.BaseImage, 2, $"base image {Base} (FROM at Dockerfile line 1) is sha256:bbbb now, sha256:aaaa when the cache was written")
            .SetName("A changed base image digest");

        // COPY --from after an ARG: the argument is not in a COPY's cache key; the RUN after it is the first with a cause.
        yield return new TestCaseData(Facts(TwoStages, ["[stage-1 2/3] COPY --from=slow /out /out"], Inputs("a"), Inputs("b")),
            MissCause.Unknown, 6, CacheMissAnalysis.NoKnownCause)
            .SetName("An argument a COPY does not name is no cause of its miss");

        yield return new TestCaseData(Facts(TwoStages, ["[stage-1 3/3] RUN echo \"$GIT_COMMIT\" > /commit"], Inputs("a"), Inputs("b")),
            MissCause.BuildArg, 7, "declared at Dockerfile line 5")
            .SetName("Two stages: the final stage's RUN after the ARG");

        // No record on the cache ref read: nothing to compare, nothing guessed.
        yield return new TestCaseData(new CacheMissFacts(["[3/4] RUN echo one > /one"], DockerfileOutline.Parse(ArgEarly), CacheInputs.None, null, Inputs("b"), true, false),
            MissCause.Unknown, 4, CacheMissAnalysis.NoKnownCause + " (the cache ref has no record of what it was written with)")
            .SetName("No record: no known cause, saying why");

        yield return new TestCaseData(new CacheMissFacts(["[3/4] RUN echo one > /one"], DockerfileOutline.Parse(ArgEarly), CacheInputs.None, null, Inputs("b"), true, false, RecordsRead: false),
            MissCause.Unknown, 4, "(the cache refs' records were not read (--check-cache-refs=false))")
            .SetName("Records not read: no known cause, saying why");

        // Digests under another key never match: not compared, never "changed".
        yield return new TestCaseData(Facts(ArgEarly, ["[3/4] RUN echo one > /one"], Inputs("a", key: new RecordKey("another-record-key-of-the-tests-00000000")), Inputs("a")),
            MissCause.Unknown, 4, "(build arguments not compared: the record was written under another cache-record-key)")
            .SetName("A record written under another key: build arguments not compared");

        // No key now: nothing to compare with, saying how to get it.
        yield return new TestCaseData(Facts(ArgEarly, ["[3/4] RUN echo one > /one"], Inputs("a"), CacheInputs.Of([new("GIT_COMMIT", "b")], ["GIT_COMMIT"], null, Map((Base, "sha256:aaaa")))),
            MissCause.Unknown, 4, "(build arguments not compared: no cache-record-key)")
            .SetName("No key: build arguments not compared");

        // The Dockerfile built is not the one read (other step counts): not mapped.
        yield return new TestCaseData(Facts(ArgEarly, ["[3/9] RUN echo one > /one"], Inputs("a"), Inputs("b")),
            MissCause.Unknown, null, "the step is not in the Dockerfile as read")
            .SetName("A step of another Dockerfile is not mapped");

        yield return new TestCaseData(new CacheMissFacts(["[3/4] RUN echo one > /one"], DockerfileOutline.Parse(ArgEarly), Inputs("a"), "r", Inputs("b"), true, false, NoCache: true),
            MissCause.NoCache, 4, "--no-cache")
            .SetName("--no-cache comes first");
    }

    [TestCaseSource(nameof(Cases))]
    public void Explains_the_first_step_that_ran(object facts, MissCause cause, int? line, string why)
    {
        // The facts are internal: NUnit's public test method takes them as an object.
        var miss = CacheMissAnalysis.Explain((CacheMissFacts)facts);

        Assert.That(miss, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(miss!.Cause, Is.EqualTo(cause), miss.Why);
            Assert.That(miss.Line, Is.EqualTo(line));
            Assert.That(miss.Why, Does.Contain(why));
        });
    }

    [Test]
    public void A_build_that_ran_nothing_has_no_miss() =>
        Assert.That(CacheMissAnalysis.Explain(Facts(ArgEarly, [], Inputs("a"), Inputs("b"))), Is.Null);

    [Test]
    public void The_line_names_the_step_and_its_Dockerfile_line()
    {
        var miss = CacheMissAnalysis.Explain(Facts(ArgEarly, ["[3/4] RUN echo one > /one"], Inputs("a"), Inputs("b")))!;

        Assert.That(miss.Describe(), Does.StartWith("[3/4] RUN echo one > /one (Dockerfile line 4): build argument GIT_COMMIT changed"));
    }

    [Test]
    public void A_RUN_with_a_cache_mount_that_ran_is_still_a_run_step_however_little_it_downloaded()
    {
        const string dockerfile = $"""
            FROM {Base}
            COPY deps.txt /deps.txt
            RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages restore
            """;

        var miss = CacheMissAnalysis.Explain(Facts(dockerfile, ["[3/3] RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages restore"]))!;

        Assert.That(miss.Line, Is.EqualTo(3));
        Assert.That(miss.Why, Does.Contain("mounts a cache").And.Contain("still runs"));
        Assert.That(CacheMissAnalysis.Explain(Facts(ArgEarly, ["[3/4] RUN echo one > /one"]))!.Why, Does.Not.Contain("mounts a cache"));
    }

    [TestCase("busybox", "busybox:latest")]
    [TestCase("docker.io/library/busybox:1.36", "busybox:1.36")]
    [TestCase("docker.io/acme/app", "acme/app:latest")]
    [TestCase("127.0.0.1:5000/base/busybox", "127.0.0.1:5000/base/busybox:latest")]
    [TestCase("127.0.0.1:5000/base/busybox:1", "127.0.0.1:5000/base/busybox:1")]
    [TestCase("busybox@sha256:abcd", null)]
    [TestCase("${BASE}", null)]
    public void Image_keys_are_BuildKits_familiar_names(string reference, string? key) =>
        Assert.That(CacheMissAnalysis.ImageKey(reference), Is.EqualTo(key));
}
