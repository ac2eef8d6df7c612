#addin nuget:?package=Cake.BuildxCache&version=@PackageVersion@

BuildxCacheTasks(Task, Teardown);                 // Plan, Options, EnsureBuilder, Login, BuildWithCache, Publish, PruneCache, Lint
Task("Default").IsDependentOn("BuildWithCache");

RunTarget(Argument("target", "Default"));
