using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Tests.Report;

public sealed class StepNameTests
{
    private static readonly object[] Names =
    [
        new object?[] { "[slow 2/2] RUN sleep 20", StepKind.Build, "slow", null, 2 },
        new object?[] { "[2/2] RUN echo compiling && exit 3", StepKind.Build, "", null, 2 },
        new object?[] { "[stage-1 1/2] FROM 127.0.0.1:5000/base/debian:bookworm@sha256:8255", StepKind.BaseImage, "stage-1", null, 1 },
        new object?[] { "[linux/arm64 build 3/5] RUN go build", StepKind.Build, "build", "linux/arm64", 3 },
        new object?[] { "[linux/arm/v7 1/2] FROM alpine", StepKind.BaseImage, "", "linux/arm/v7", 1 },
        new object?[] { "[internal] load build definition from Dockerfile", StepKind.Internal, "internal", null, null },
        new object?[] { "[linux/amd64 internal] load metadata for docker.io/library/golang:1.22", StepKind.Internal, "internal", "linux/amd64", null },
        new object?[] { "[context deps] load .dockerignore", StepKind.Internal, "context deps", null, null },
        new object?[] { "[auth] sharing credentials for 127.0.0.1:5000", StepKind.Auth, "auth", null, null },
        new object?[] { "importing cache manifest from 127.0.0.1:5000/sample/cache:fx22716", StepKind.CacheImport, null, null, null },
        new object?[] { "exporting content cache", StepKind.CacheExport, null, null, null },
        new object?[] { "exporting cache to registry", StepKind.CacheExport, null, null, null },
        new object?[] { "exporting to image", StepKind.ImageExport, null, null, null },
        new object?[] { "exporting to oci image format", StepKind.ImageExport, null, null, null },
        new object?[] { "resolve image config for docker.io/docker/dockerfile:1", StepKind.Metadata, null, null, null },
        new object?[] { "resolving provenance for metadata file", StepKind.Metadata, null, null, null },
        new object?[] { "something new", StepKind.Other, null, null, null },
        new object?[] { "[unclosed 1/2 RUN x", StepKind.Other, null, null, null },
        new object?[] { "", StepKind.Other, null, null, null },
    ];

    [TestCaseSource(nameof(Names))]
    public void A_vertex_name_says_what_the_step_is(string name, StepKind kind, string? stage, string? platform, int? position)
    {
        var parsed = StepName.Parse(name);

        Assert.That((parsed.Kind, parsed.Stage, parsed.Platform, parsed.Position), Is.EqualTo((kind, stage, platform, position)));
    }

    [Test]
    public void A_cache_import_names_its_ref()
    {
        Assert.That(StepName.Parse("importing cache manifest from registry.example.com/app/cache:main").CacheRef, Is.EqualTo("registry.example.com/app/cache:main"));
    }
}
