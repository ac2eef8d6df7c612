// Real-stack fixtures spend most of their time waiting on BuildKit, the registry and child processes, so three of them
// share the two cores of a CI machine well. Only fixtures marked [Parallelizable] run side by side (every name they give
// a builder, project or folder carries the test's own id); the rest run one at a time, as before.
[assembly: LevelOfParallelism(3)]
