using Cake.BuildxCache.Miss;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>The cache mounts of the stages a build builds, with the ids BuildKit gives them.</summary>
public sealed class CacheMountReaderTests
{
    private const string Dockerfile = """
        ARG SDK=registry.example.com/sdk:10
        FROM ${SDK} AS build
        WORKDIR /src
        RUN --mount=type=cache,target=/root/.nuget/packages/ \
            --mount=type=secret,id=token dotnet restore
        RUN --mount=type=cache,id=obj,target=obj,sharing=locked,uid=1000,gid=1000,mode=0755 dotnet build

        FROM build AS test
        RUN --mount=type=cache,id=testresults,target=/r dotnet test

        FROM scratch AS tools
        RUN --mount=type=cache,id=tools,target=/t true

        FROM registry.example.com/runtime:10
        COPY --from=build /src/out /app
        RUN --mount=type=cache,id=apt,target=/var/cache/apt,from=build apt-get update

        """;

    [Test]
    public void Every_RUN_that_mounts_an_id_is_one_of_its_lines_and_a_progress_step_names_its_line()
    {
        var dockerfile = """
            FROM registry.example.com/sdk:10 AS build
            COPY app.csproj ./
            RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet restore
            COPY . ./
            RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet publish -o /app

            FROM registry.example.com/runtime:10
            COPY --from=build /app /app

            """;

        var nuget = CacheMountReader.Read(dockerfile, null).Mounts.Single();

        Assert.That((nuget.Line, nuget.Lines), Is.EqualTo((3, new[] { 3, 5 })));
        var outline = DockerfileOutline.Parse(dockerfile);
        Assert.That(outline.InstructionOfStep("[build 5/5] RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet publish -o /app")?.Line, Is.EqualTo(5));
        Assert.That(outline.InstructionOfStep("[linux/arm64 build 3/5] RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet restore")?.Line, Is.EqualTo(3));
        Assert.That(outline.InstructionOfStep("[build 3/4] RUN dotnet restore"), Is.Null, "another Dockerfile: the stage has 5 steps");
    }

    [Test]
    public void The_last_stage_and_what_it_needs_are_read_with_BuildKits_ids()
    {
        var outline = CacheMountReader.Read(Dockerfile, null);

        Assert.That(outline.Mounts.Select(mount => mount.Id), Is.EqualTo(new[] { "/root/.nuget/packages", "obj" }), "test and tools are not built");
        var obj = outline.Mounts[1];
        Assert.That((obj.Sharing, obj.Uid, obj.Gid, obj.Mode, obj.Stage, obj.BaseImage), Is.EqualTo(("locked", "1000", "1000", "0755", "build", "${SDK}")));
        Assert.That(outline.Mounts[0].Sharing, Is.EqualTo("shared"));
        Assert.That(outline.GlobalArgs, Is.EqualTo(new[] { "SDK=registry.example.com/sdk:10" }));
        Assert.That(outline.Skipped, Has.One.Contains("'apt'").And.One.Contains("from="));
    }

    [Test]
    public void A_target_stage_reads_its_own_chain()
    {
        Assert.That(CacheMountReader.Read(Dockerfile, "test").Mounts.Select(mount => mount.Id), Is.EqualTo(new[] { "/root/.nuget/packages", "obj", "testresults" }));
        var tools = CacheMountReader.Read(Dockerfile, "tools").Mounts.Single();
        Assert.That(tools.BaseImage, Is.Null, "a stage from scratch has no shell for the helpers");
    }

    [TestCase("/root/.nuget/packages/", "/root/.nuget/packages")]
    [TestCase("//a/./b/../c", "/a/c")]
    [TestCase("obj/", "obj")]
    [TestCase("./", ".")]
    public void A_target_is_cleaned_as_Gos_path_Clean_does(string target, string id) =>
        Assert.That(CacheMountReader.CleanPath(target), Is.EqualTo(id));
}
