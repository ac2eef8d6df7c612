using System.Globalization;
using System.Text;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Hosting.Support;

/// <summary>A Cake console that keeps everything written to it, standard output and error together.</summary>
internal sealed class RecordingConsole : IConsole
{
    private readonly StringBuilder _text = new();

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public bool SupportAnsiEscapeCodes => false;

    public string Text => _text.ToString();

    public void Write(string format, params object[] arg) => _text.Append(Format(format, arg));

    public void WriteLine(string format, params object[] arg) => _text.Append(Format(format, arg)).Append('\n');

    public void WriteError(string format, params object[] arg) => Write(format, arg);

    public void WriteErrorLine(string format, params object[] arg) => WriteLine(format, arg);

    public void ResetColor()
    {
    }

    private static string Format(string format, object[] arg) =>
        arg.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, arg);
}
