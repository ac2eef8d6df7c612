using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The build's pass-through features on the real buildx and BuildKit: a secret reaches a <c>RUN</c> step (its hash is in
/// the image) and is nowhere else; a named build context, hosts, ulimits, /dev/shm and the network reach the <c>RUN</c>
/// steps; a real ssh-agent reaches a <c>RUN</c> step only with <c>--ssh</c>; annotations, provenance and an SBOM from a
/// generator image reach the pushed index; Lint reports or fails on a check warning.
/// </summary>
public sealed class BuildFeatureTests() : RealStackFixture("features")
{
    private const string SecretVariable = "E2E_BUILD_TOKEN";

    private static readonly string SecretValue = "tok-" + Guid.NewGuid().ToString("N");

    private BuildRun Run(Dictionary<string, string> job, params string[] arguments) =>
        BuildApp.Run(Scene.Workspace.Path, job.Over(Scene.Sandbox), [.. arguments, .. Scene.BuilderArguments], secret: SecretValue, timeout: TimeSpan.FromMinutes(10));

    [Test]
    public void A_secret_reaches_its_RUN_step_and_nothing_else_and_the_RUN_step_flags_reach_the_steps()
    {
        Scene.LogInAsDeveloper();
        Scene.Workspace.Write("Dockerfile", $"""
            FROM {EndToEndSetUp.BaseImage} AS deps
            RUN --mount=type=secret,id=token,required=true sha256sum /run/secrets/token | cut -d' ' -f1 > /token.sha256

            FROM {EndToEndSetUp.BaseImage}
            COPY --from=deps /token.sha256 /token.sha256
            COPY --from=extra note.txt /note.txt
            RUN grep db.internal /etc/hosts > /hosts.txt; ulimit -n > /ulimit.txt; df -k /dev/shm | tail -1 > /shm.txt; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' > /net.txt
            CMD ["cat", "/token.sha256", "/note.txt", "/hosts.txt", "/ulimit.txt", "/shm.txt", "/net.txt"]

            """);
        Scene.Workspace.Write("extra/note.txt", "from the named context\n");
        var job = new Dictionary<string, string>().With((SecretVariable, SecretValue));
        string[] features =
        [
            "--image=" + Scene.Image, "--secret=id=token,env=" + SecretVariable, "--build-context=extra=extra",
            "--add-host=db.internal:10.1.2.3", "--ulimit=nofile=1111:2222", "--shm-size=96m", "--network=none",
            "--no-cache-filter=deps", "--pull",
        ];

        var plan = Run(job, ["--target=Plan", .. features]);
        var run = Run(job, ["--target=Default", .. features]);

        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(plan.Output, Does.Contain("secrets:        id=token,env=" + SecretVariable).And.Contain("--secret \"id=token,env=" + SecretVariable + "\""));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var build = Scene.Calls("buildx", "build").Single();
        Assert.That(build, Is.SupersetOf(new[] { "--secret", "id=token,env=" + SecretVariable, "--build-context", "extra=extra", "--add-host", "db.internal:10.1.2.3", "--ulimit", "nofile=1111:2222", "--shm-size", "96m", "--network", "none", "--no-cache-filter", "deps", "--pull" }));

        var image = Scene.Docker("run", "--rm", "--network=host", Scene.Image + ":main");
        Assert.That(image.ExitCode, Is.EqualTo(0), image.Output);
        var lines = image.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SecretValue)))), "the RUN step read the secret: " + image.StandardOutput);
        Assert.That(lines[1], Is.EqualTo("from the named context"));
        Assert.That(lines[2], Does.Contain("10.1.2.3").And.Contain("db.internal"));
        Assert.That(lines[3], Is.EqualTo("1111"));
        Assert.That(lines[4], Does.Contain("98304"), "/dev/shm is 96m: " + lines[4]);
        Assert.That(lines[5..], Is.EqualTo(new[] { "lo" }), "--network=none: only the loopback interface");

        var artifacts = Directory.EnumerateFiles(Path.Combine(Scene.Workspace.Path, "artifacts"), "*", SearchOption.AllDirectories).Select(File.ReadAllText);
        Assert.That(
            new List<string> { plan.Output, run.Output, string.Join('\n', Scene.Sandbox.DockerCalls().Select(call => string.Join(' ', call))) }.Concat(artifacts),
            Has.None.Contains(SecretValue),
            "the secret's value is in no output, no docker argv, no report and not in Plan");
    }

    [Test]
    public void The_ssh_agent_reaches_a_RUN_step_only_with_ssh()
    {
        using var agent = SshAgent.Start();
        Scene.LogInAsDeveloper();
        Scene.Workspace.Write("Dockerfile", $"""
            FROM {EndToEndSetUp.BaseImage}
            RUN --mount=type=ssh test -S "$SSH_AUTH_SOCK" && echo ok > /ssh-ok
            CMD ["cat", "/ssh-ok"]

            """);
        var job = new Dictionary<string, string>().With(("SSH_AUTH_SOCK", agent.Socket));

        // Without --ssh first (and no cache for either run): the step's result must come from its own run.
        var without = Run(job, "--target=Default", "--image=" + Scene.Image, "--no-cache");
        var with = Run(job, "--target=Default", "--image=" + Scene.Image, "--no-cache", "--ssh=default");

        Assert.That(without.ExitCode, Is.Not.EqualTo(0), "without --ssh the step has no agent socket and fails: " + without);
        Assert.That(without.Output, Does.Contain("test -S"), without.ToString());
        Assert.That(with.ExitCode, Is.EqualTo(0), with.ToString());
        Assert.That(Scene.Calls("buildx", "build").Last(), Is.SupersetOf(new[] { "--ssh", "default" }));
        var image = Scene.Docker("run", "--rm", "--network=host", Scene.Image + ":main");
        Assert.That(image.ExitCode, Is.EqualTo(0), image.Output);
        Assert.That(image.StandardOutput.Trim(), Is.EqualTo("ok"), "the RUN step saw the agent's socket");
    }

    [Test]
    public void Annotations_and_provenance_reach_the_pushed_index()
    {
        var run = Run(Scene.GitLab(), "--target=Publish", "--annotation=index:org.example.note=e2e-annotation", "--provenance=mode=max", "--sbom=false", "--no-cache");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var build = Scene.Calls("buildx", "build").Single();
        Assert.That(build, Is.SupersetOf(new[] { "--annotation", "index:org.example.note=e2e-annotation", "--provenance", "mode=max", "--sbom", "false", "--no-cache" }));
        var index = Registry.Manifest(Scene.Project, Scene.Workspace.ShortSha);
        Assert.That(index, Is.Not.Null, "tags: " + string.Join(", ", Registry.Tags(Scene.Project)));
        Assert.That(index, Does.Contain("\"org.example.note\": \"e2e-annotation\"").Or.Contain("\"org.example.note\":\"e2e-annotation\""), index);
        Assert.That(index, Does.Contain("attestation-manifest"), "provenance is attached: " + index);
    }

    [Test]
    public void An_sbom_generator_runs_on_the_result_and_its_statement_is_attached_to_the_pushed_index()
    {
        // BuildKit's SBOM generator protocol (moby/buildkit docs/attestations/sbom-protocol.md): the generator image's
        // entrypoint runs with the result's root file system at $BUILDKIT_SCAN_SOURCE and writes in-toto statements
        // of predicate type SPDX to $BUILDKIT_SCAN_DESTINATION/<scan>.spdx.json. This one names its document after
        // the marker file of the scanned image, so the attestation shows it scanned this build's result.
        const string Script = """
            set -e
            name=$(cat "$BUILDKIT_SCAN_SOURCE/sbom-marker.txt")
            printf '{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://spdx.dev/Document","subject":[],"predicate":{"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT","name":"%s","documentNamespace":"https://e2e.invalid/%s","creationInfo":{"created":"2026-01-01T00:00:00Z","creators":["Tool: e2e-sbom-generator"]},"packages":[]}}' "$name" "$name" > "$BUILDKIT_SCAN_DESTINATION/$(basename "$BUILDKIT_SCAN_SOURCE").spdx.json"
            """;
        var generator = Support.Registry.BaseImage.PushAsync(Registry, RealStack.StaticBusybox, Scene.Project + "/sbom-generator", "1", ["/bin/sh", "-c", Script]).GetAwaiter().GetResult();
        var marker = "sbom-" + Guid.NewGuid().ToString("N")[..12];
        Scene.Workspace.Write("Dockerfile", $"""
            FROM {EndToEndSetUp.BaseImage}
            RUN echo {marker} > /sbom-marker.txt

            """);

        var run = Run(Scene.GitLab(), "--target=Publish", "--sbom=generator=" + generator, "--provenance=false");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Scene.Calls("buildx", "build").Single(), Is.SupersetOf(new[] { "--sbom", "generator=" + generator }));
        var index = Registry.Manifest(Scene.Project, Scene.Workspace.ShortSha);
        Assert.That(index, Is.Not.Null, "tags: " + string.Join(", ", Registry.Tags(Scene.Project)));
        using var indexJson = JsonDocument.Parse(index!);
        var attestations = indexJson.RootElement.GetProperty("manifests").EnumerateArray()
            .Where(entry => entry.TryGetProperty("annotations", out var annotations)
                && annotations.TryGetProperty("vnd.docker.reference.type", out var type) && type.GetString() == "attestation-manifest")
            .Select(entry => entry.GetProperty("digest").GetString()!)
            .ToList();
        Assert.That(attestations, Has.Count.EqualTo(1), "one attestation manifest: " + index);
        var attestation = Registry.Manifest(Scene.Project, attestations[0]);
        Assert.That(attestation, Is.Not.Null);
        using var attestationJson = JsonDocument.Parse(attestation!);
        var layers = attestationJson.RootElement.GetProperty("layers").EnumerateArray()
            .Select(layer => (Digest: layer.GetProperty("digest").GetString()!, Type: layer.GetProperty("annotations").GetProperty("in-toto.io/predicate-type").GetString()))
            .ToList();
        Assert.That(layers.Select(layer => layer.Type), Is.EqualTo(new[] { "https://spdx.dev/Document" }), "only the SBOM (--provenance=false): " + attestation);
        var statement = Registry.Blob(Scene.Project, layers[0].Digest);
        Assert.That(statement, Is.Not.Null);
        using var statementJson = JsonDocument.Parse(statement!);
        Assert.That(statementJson.RootElement.GetProperty("predicateType").GetString(), Is.EqualTo("https://spdx.dev/Document"), statement);
        Assert.That(statementJson.RootElement.GetProperty("predicate").GetProperty("name").GetString(), Is.EqualTo(marker), "the generator scanned this build's result: " + statement);
    }

    [Test]
    public void Lint_logs_a_check_warning_and_fails_on_it_when_asked()
    {
        // FromAsCasing: 'as' in lower case after an upper-case FROM.
        Scene.Workspace.Write("Dockerfile", $"""
            FROM {EndToEndSetUp.BaseImage} as base
            RUN true

            """);
        Scene.LogInAsDeveloper();
        var job = new Dictionary<string, string>();

        var lenient = Run(job, "--target=Lint", "--image=" + Scene.Image);
        var strict = Run(job, "--target=Lint", "--image=" + Scene.Image, "--lint-fail-on-warnings");

        Assert.That(lenient.ExitCode, Is.EqualTo(0), lenient.ToString());
        Assert.That(lenient.Output, Does.Contain("FromAsCasing").And.Contain("Lint: the Dockerfile has 1 check warning(s)"));
        Assert.That(strict.ExitCode, Is.Not.EqualTo(0), strict.ToString());
        Assert.That(strict.Output, Does.Contain("--lint-fail-on-warnings is set"));
        var calls = Scene.Calls("buildx", "build");
        Assert.That(calls.Select(call => call.SkipWhile(word => word != "--call").Skip(1).FirstOrDefault()), Is.EqualTo(new[] { "check,ignorestatus=true", "check" }));
    }
}
