using System.Text;

namespace Brama.Generators;

/// <summary>Builds source text line by line, keeping track of the indentation.</summary>
internal sealed class IndentedWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indentation;

    public void WriteLine()
    {
        _builder.Append('\n');
    }

    public void WriteLine(string line)
    {
        for (var i = 0; i < _indentation; i++)
        {
            _builder.Append(IndentUnit);
        }

        _builder.Append(line).Append('\n');
    }

    public void Indent() => _indentation++;

    public void Unindent() => _indentation--;

    public void OpenBlock()
    {
        WriteLine("{");
        _indentation++;
    }

    public void CloseBlock(string suffix = "")
    {
        _indentation--;
        WriteLine("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
