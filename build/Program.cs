using Cake.BuildxCache.Hosting;

// This repository's own build: the tasks in build/Tasks (and, from the module, the buildx tasks).
return new CakeHost().Run(args);
