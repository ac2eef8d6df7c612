using Cake.BuildxCache.Docker.Context;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Docker;

public sealed class DockerContextTests
{
    // Captured from docker CLI 28.2.2 in this environment (`docker context inspect`), storage paths shortened.
    private static readonly string[] InspectOutput =
    [
        "[",
        "    {",
        "        \"Name\": \"fx\",",
        "        \"Metadata\": {},",
        "        \"Endpoints\": {",
        "            \"docker\": {",
        "                \"Host\": \"tcp://127.0.0.1:2376\",",
        "                \"SkipTLSVerify\": false",
        "            }",
        "        },",
        "        \"TLSMaterial\": {},",
        "        \"Storage\": {",
        "            \"MetadataPath\": \"/tmp/docker/contexts/meta/6956\",",
        "            \"TLSPath\": \"/tmp/docker/contexts/tls/6956\"",
        "        }",
        "    }",
        "]",
    ];

    [Test]
    public void Create_renders_name_description_and_the_tls_endpoint()
    {
        var fixture = new DockerFixture { Output = ["fx"], Error = ["Successfully created context \"fx\""] };
        var settings = new DockerContextCreateSettings
        {
            Name = "dind",
            Description = "docker in docker",
            Docker = new DockerEndpoint("tcp://docker:2376") { Ca = "/certs/client/ca.pem", Cert = "/certs/client/cert.pem", Key = "/certs/client/key.pem" },
        };

        fixture.Context.DockerContextCreate(settings);

        Assert.That(fixture.Arguments, Is.EqualTo(
            "context create \"dind\" --description \"docker in docker\" "
            + "--docker \"host=tcp://docker:2376,ca=/certs/client/ca.pem,cert=/certs/client/cert.pem,key=/certs/client/key.pem\""));
    }

    [Test]
    public void An_existing_context_fails_with_docker_reason()
    {
        var fixture = new DockerFixture { Error = ["context \"fx\" already exists"], ExitCode = 1 };

        var error = Assert.Throws<CakeException>(() => fixture.Context.DockerContextCreate("fx", new DockerEndpoint("tcp://127.0.0.1:2376")));

        Assert.That(fixture.Arguments, Is.EqualTo("context create \"fx\" --docker \"host=tcp://127.0.0.1:2376\""));
        Assert.That(error!.Message, Is.EqualTo("docker context create fx failed (exit code 1): context \"fx\" already exists"));
    }

    [Test]
    public void Endpoint_fields_holding_commas_or_quotes_are_csv_quoted()
    {
        var endpoint = new DockerEndpoint("tcp://docker:2376") { Ca = "/certs/a,b/ca.pem", SkipTlsVerify = true };

        Assert.That(endpoint.ToString(), Is.EqualTo("host=tcp://docker:2376,\"ca=/certs/a,b/ca.pem\",skip-tls-verify=true"));
        Assert.That(endpoint.HasTls, Is.True);
        Assert.That(new DockerEndpoint("unix:///var/run/docker.sock").HasTls, Is.False);
        Assert.That(new DockerEndpoint("tcp://h") { Key = "a\"b" }.ToString(), Is.EqualTo("host=tcp://h,\"key=a\"\"b\""));
    }

    [Test]
    public void Inspect_reads_the_context()
    {
        var fixture = new DockerFixture { Output = InspectOutput };

        var info = fixture.Context.DockerContextInspect("fx");

        Assert.That(fixture.Arguments, Is.EqualTo("context inspect \"fx\""));
        Assert.That(info, Is.EqualTo(new DockerContextInfo("fx", null, "tcp://127.0.0.1:2376", false)));
        Assert.That(fixture.Context.DockerContextExists("fx"), Is.True);
    }

    [Test]
    public void A_missing_context_is_null_not_an_exception()
    {
        // Captured from docker CLI 28.2.2 here: stdout `[]`, this on stderr, exit code 1.
        var fixture = new DockerFixture
        {
            Output = ["[]"],
            Error = ["context \"nosuch\": context not found: open /tmp/docker/contexts/meta/9e62/meta.json: no such file or directory"],
            ExitCode = 1,
        };

        Assert.That(fixture.Context.DockerContextInspect("nosuch"), Is.Null);
        Assert.That(fixture.Context.DockerContextExists("nosuch"), Is.False);
    }

    [Test]
    public void Another_inspect_failure_throws()
    {
        var fixture = new DockerFixture { Error = ["permission denied"], ExitCode = 1 };

        Assert.Throws<CakeException>(() => fixture.Context.DockerContextInspect("fx"));
    }

    [Test]
    public void A_description_and_skipped_verification_are_read()
    {
        var info = DockerContextInfoParser.Parse("""
            [{"Name":"dind","Metadata":{"Description":"docker in docker"},"Endpoints":{"docker":{"Host":"tcp://docker:2376","SkipTLSVerify":true}}}]
            """);

        Assert.That(info, Is.EqualTo(new DockerContextInfo("dind", "docker in docker", "tcp://docker:2376", true)));
        Assert.That(DockerContextInfoParser.Parse("[]"), Is.Null);
        Assert.Throws<FormatException>(() => DockerContextInfoParser.Parse("{}"));
    }
}
