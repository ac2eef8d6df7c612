using Cake.BuildxCache.Hosting;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Hosting.Support;

// Internal on purpose: the host discovers only public task types, so these run only where a test
// registers them.
[TaskName("A")]
internal sealed class TaskA(ExecutionLog log) : FrostingTask<IFrostingContext>
{
    public override void Run(IFrostingContext context) => log.Add("A");
}

[TaskName("B")]
[IsDependentOn(typeof(TaskA))]
internal sealed class TaskB(ExecutionLog log) : FrostingTask<IFrostingContext>
{
    public override void Run(IFrostingContext context) => log.Add("B");
}

[TaskName("C")]
[TaskDescription("Runs after B.")]
[IsDependentOn(typeof(TaskB))]
internal sealed class TaskC(ExecutionLog log) : FrostingTask<IFrostingContext>
{
    public override void Run(IFrostingContext context) => log.Add("C");
}

/// <summary>Declares itself a dependency of C without C naming it.</summary>
[TaskName("Early")]
[IsDependeeOf(typeof(TaskC))]
internal sealed class EarlyTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context) => log.Add("Early");
}

[TaskName("Default")]
[IsDependentOn(typeof(TaskA))]
internal sealed class DefaultTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context) => log.Add("Default");
}

[TaskName("Skipped")]
[IsDependentOn(typeof(TaskA))]
internal sealed class SkippedTask(ExecutionLog log) : FrostingTask
{
    public override bool ShouldRun(ICakeContext context) => false;

    public override void Run(ICakeContext context) => log.Add("Skipped ran");
}

[TaskName("AfterSkipped")]
[IsDependentOn(typeof(SkippedTask))]
internal sealed class AfterSkippedTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context) => log.Add("AfterSkipped");
}

[TaskName("Fails")]
internal sealed class FailingTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("boom from Fails");

    public override void Finally(ICakeContext context) => log.Add("Fails finally");
}

[TaskName("AfterFails")]
[IsDependentOn(typeof(FailingTask))]
internal sealed class AfterFailingTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context) => log.Add("AfterFails");
}

[TaskName("FailsHandled")]
internal sealed class HandledFailureTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("handled boom");

    public override void OnError(Exception exception, ICakeContext context) => log.Add("OnError: " + exception.Message);

    public override void Finally(ICakeContext context) => log.Add("FailsHandled finally");
}

[TaskName("FailsButContinues")]
[ContinueOnError]
internal sealed class ContinueOnErrorTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context)
    {
        log.Add("FailsButContinues");
        throw new InvalidOperationException("ignored boom");
    }
}

[TaskName("AfterContinue")]
[IsDependentOn(typeof(ContinueOnErrorTask))]
internal sealed class AfterContinueTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context) => log.Add("AfterContinue");
}

[TaskName("ExitCode42")]
internal sealed class ExitCodeTask : FrostingTask
{
    public override void Run(ICakeContext context) => throw new CakeException(42, "exit with 42");
}

[TaskName("Async")]
internal sealed class AsyncTask(ExecutionLog log) : AsyncFrostingTask
{
    public override async Task RunAsync(ICakeContext context)
    {
        await Task.Delay(20);
        log.Add("Async done");
    }
}

[TaskName("PrintArguments")]
internal sealed class PrintArgumentsTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context)
    {
        foreach (var (name, values) in context.Arguments.GetArguments().OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            log.Add($"{name}={string.Join("|", values)}");
        }
    }
}

[TaskName("PrintConfig")]
internal sealed class PrintConfigTask(ExecutionLog log) : FrostingTask
{
    public override void Run(ICakeContext context) =>
        log.Add("Buildx_Image=" + (context.Configuration.GetValue("Buildx_Image") ?? "<unset>"));
}

[TaskName("CycleOne")]
[IsDependentOn(typeof(CycleTwo))]
internal sealed class CycleOne : FrostingTask
{
}

[TaskName("CycleTwo")]
[IsDependentOn(typeof(CycleThree))]
internal sealed class CycleTwo : FrostingTask
{
}

[TaskName("CycleThree")]
[IsDependentOn(typeof(CycleOne))]
internal sealed class CycleThree : FrostingTask
{
}

[TaskName("DependsOnNonTask")]
[IsDependentOn(typeof(string))]
internal sealed class DependsOnNonTask : FrostingTask
{
}

/// <summary>A context subclass with state of its own, built by the container.</summary>
internal sealed class CustomContext(ICakeContext context) : FrostingContext(context)
{
    public string Greeting => "hello from " + nameof(CustomContext);
}

[TaskName("UsesCustomContext")]
internal sealed class UsesCustomContextTask(ExecutionLog log) : FrostingTask<CustomContext>
{
    public override void Run(CustomContext context) => log.Add(context.Greeting);
}

internal sealed class RecordingLifetime(ExecutionLog log) : FrostingLifetime<IFrostingContext>
{
    public override void Setup(IFrostingContext context, ISetupContext info) =>
        log.Add($"Setup({string.Join(",", info.TasksToExecute.Select(task => task.Name))})");

    public override void Teardown(IFrostingContext context, ITeardownContext info) =>
        log.Add($"Teardown(successful={info.Successful})");
}

internal sealed class FailingSetupLifetime : FrostingLifetime<IFrostingContext>
{
    public override void Setup(IFrostingContext context, ISetupContext info) =>
        throw new InvalidOperationException("setup refused");

    public override void Teardown(IFrostingContext context, ITeardownContext info)
    {
    }
}

internal sealed class RecordingTaskLifetime(ExecutionLog log) : FrostingTaskLifetime<IFrostingContext>
{
    public override void Setup(IFrostingContext context, ITaskSetupContext info) => log.Add($"before {info.Task.Name}");

    public override void Teardown(IFrostingContext context, ITaskTeardownContext info) => log.Add($"after {info.Task.Name}");
}

internal sealed class RecordingSetup(ExecutionLog log) : FrostingSetup<IFrostingContext>
{
    public override void Setup(IFrostingContext context, ISetupContext info) => log.Add("setup only");
}

internal sealed class RecordingTeardown(ExecutionLog log) : FrostingTeardown<IFrostingContext>
{
    public override void Teardown(IFrostingContext context, ITeardownContext info) => log.Add($"teardown only (successful={info.Successful})");
}
