using Cake.Core;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>
/// Cake's console with colour only where <see cref="ColourPolicy"/> allows it. Cake's log writes ANSI codes itself
/// whenever the console says it supports them (Cake decides from <c>TERM</c> alone, so a redirected run gets them in
/// its file), else it sets the console's colours: without colour, both are refused here.
/// </summary>
/// <param name="inner">Cake's console.</param>
/// <param name="colour">True to pass colour through.</param>
internal sealed class ColourConsole(IConsole inner, bool colour) : IConsole
{
    /// <inheritdoc/>
    public ConsoleColor ForegroundColor
    {
        get => inner.ForegroundColor;
        set
        {
            if (colour)
            {
                inner.ForegroundColor = value;
            }
        }
    }

    /// <inheritdoc/>
    public ConsoleColor BackgroundColor
    {
        get => inner.BackgroundColor;
        set
        {
            if (colour)
            {
                inner.BackgroundColor = value;
            }
        }
    }

    /// <inheritdoc/>
    public bool SupportAnsiEscapeCodes => colour && inner.SupportAnsiEscapeCodes;

    /// <inheritdoc/>
    public void Write(string format, params object[] arg) => inner.Write(format, arg);

    /// <inheritdoc/>
    public void Write(string value) => inner.Write(value);

    /// <inheritdoc/>
    public void WriteLine(string format, params object[] arg) => inner.WriteLine(format, arg);

    /// <inheritdoc/>
    public void WriteLine(string value) => inner.WriteLine(value);

    /// <inheritdoc/>
    public void WriteError(string format, params object[] arg) => inner.WriteError(format, arg);

    /// <inheritdoc/>
    public void WriteError(string value) => inner.WriteError(value);

    /// <inheritdoc/>
    public void WriteErrorLine(string format, params object[] arg) => inner.WriteErrorLine(format, arg);

    /// <inheritdoc/>
    public void WriteErrorLine(string value) => inner.WriteErrorLine(value);

    /// <inheritdoc/>
    public void ResetColor()
    {
        if (colour)
        {
            inner.ResetColor();
        }
    }
}
