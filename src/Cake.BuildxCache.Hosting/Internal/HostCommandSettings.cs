using System.ComponentModel;
using Cake.Cli;
using Cake.Core.Diagnostics;
using Spectre.Console.Cli;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>The host's own options; every other <c>--key=value</c> becomes a Cake argument.</summary>
internal sealed class HostCommandSettings : CommandSettings
{
    [CommandOption("--target|-t <TARGET>")]
    [Description("Target task to run; repeat for several. Defaults to [grey]Default[/].")]
    public string[] Targets { get; init; } = [];

    [CommandOption("--working|-w <PATH>")]
    [Description("Working directory of the build (where cake.config is read).")]
    public string? WorkingDirectory { get; init; }

    [CommandOption("--verbosity|-v <VERBOSITY>")]
    [Description("Quiet, Minimal, Normal, Verbose or Diagnostic. When omitted, taken from configuration (Settings_Verbosity), else Normal.")]
    [TypeConverter(typeof(VerbosityConverter))]
    public Verbosity? Verbosity { get; init; }

    [CommandOption("--dryrun|--noop|--whatif")]
    [Description("Walks the tasks the target would run without running them.")]
    public bool DryRun { get; init; }

    [CommandOption("--tree|--showtree")]
    [Description("Shows the task dependency tree.")]
    public bool Tree { get; init; }

    [CommandOption("--description|--descriptions|--showdescription|--showdescriptions")]
    [Description("Shows the description of each task.")]
    public bool Description { get; init; }

    [CommandOption("--exclusive|-e")]
    [Description("Runs the target without its dependencies.")]
    public bool Exclusive { get; init; }

    [CommandOption("--version|--ver")]
    [Description("Shows the host and Cake engine versions.")]
    public bool ShowVersion { get; init; }

    [CommandOption("--info")]
    [Description("Shows information about the Cake engine.")]
    public bool ShowInfo { get; init; }

    [CommandOption("--no-report")]
    [Description("Does not print the task summary at the end.")]
    public bool NoReport { get; init; }
}
