using Cake.BuildxCache.Hosting;

// This repository's build: the module's buildx tasks plus its own (build/Tasks).
return new CakeHost().UseBuildxCache().Run(args);
