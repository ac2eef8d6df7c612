// The same task graph as build/ (this repository's build app), written as a Cake script, so that
// bench/startup.sh compares like with like: the official runner must compile this before --tree.
var target = Argument("target", "Default");

Task("Test")
    .Description("Runs the test suite (optionally --test-filter=<expression>) and prints N passed, N failed, N skipped.")
    .Does(() => Information("tests would run here"));

RunTarget(target);
