using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// The CSV buildx 0.36.1 reads a <c>--driver-opt</c> value as, seen with the real buildx here: <c>--driver-opt
/// '"env.FOO=a,b"'</c> gives <c>env.FOO="a,b"</c> in <c>buildx inspect</c>, <c>'"env.FOO=a""b"'</c> gives
/// <c>env.FOO="a\"b"</c>, and <c>'env.FOO="a,b"'</c> is refused (<c>bare " in non-quoted-field</c>).
/// </summary>
public sealed class BuildxCsvTests
{
    [TestCase("network=host", new[] { "network=host" })]
    [TestCase("cacert=/a,cert=/b", new[] { "cacert=/a", "cert=/b" })]
    [TestCase("\"env.FOO=a,b\"", new[] { "env.FOO=a,b" })]
    [TestCase("\"env.FOO=a\"\"b\"", new[] { "env.FOO=a\"b" })]
    [TestCase("platform=linux/arm64, \"nodeselector=a=b,c=d\" ,namespace=ci", new[] { "platform=linux/arm64", "nodeselector=a=b,c=d", "namespace=ci" })]
    [TestCase("a,,b", new[] { "a", "", "b" })]
    public void A_record_splits_into_its_fields_unquoted(string text, string[] expected)
    {
        Assert.That(BuildxCsv.TrySplit(text, out var fields, out var problem), Is.True, problem);
        Assert.That(fields, Is.EqualTo(expected));
    }

    [TestCase("env.FOO=\"a,b\"", "has a quote inside the field 'env.FOO=\"a'")]
    [TestCase("\"env.FOO=a,b", "opens a quote at character 1 that is never closed")]
    [TestCase("\"env.FOO=a\"b", "has text after the closing quote")]
    public void Bad_quoting_is_a_problem_saying_how_to_quote(string text, string expected)
    {
        Assert.That(BuildxCsv.TrySplit(text, out _, out var problem), Is.False);
        Assert.That(problem, Does.StartWith(expected).And.Contain("\"key=a,b\""));
    }

    [TestCase("network=host")]
    [TestCase("nodeselector=a=b,c=d")]
    [TestCase("env.FOO=say \"hi\", twice")]
    public void A_field_reads_back_as_itself(string field)
    {
        Assert.That(BuildxCsv.TrySplit(BuildxCsv.Field(field), out var fields, out var problem), Is.True, problem);
        Assert.That(fields, Is.EqualTo(new[] { field }));
    }
}
