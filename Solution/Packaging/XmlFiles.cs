namespace AccountPlanXrm.Solution.Packaging;

/// <summary>An XML file that cannot be read: carries the file and the line so callers can report it like a linter.</summary>
public sealed class SolutionFileException : Exception
{
    public SolutionFileException(string file, int line, string message, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
        Line = line;
    }

    /// <summary>Path of the file, relative to the folder being read where possible.</summary>
    public string File { get; }

    /// <summary>1-based line, 0 when unknown.</summary>
    public int Line { get; }

    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>Annotation naming the source file an element was read from (relative path, '/' separators).</summary>
public sealed class SourceFileAnnotation(string path)
{
    public string Path { get; } = path;
}

/// <summary>Reading and writing solution XML in the two canonical forms (unpacked files and packed zip parts).</summary>
public static class XmlFiles
{
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly UTF8Encoding Utf8NoBom = new(false);

    private static readonly UTF8Encoding Utf8WithBom = new(true);

    /// <summary>Parses XML bytes; broken XML becomes a <see cref="SolutionFileException"/> with file and line.</summary>
    public static XDocument Parse(byte[] bytes, string displayPath)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(stream, settings);
            var doc = XDocument.Load(reader, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
            if (doc.Root is not null)
            {
                DropIndentation(doc.Root);
                doc.Root.AddAnnotation(new SourceFileAnnotation(displayPath));
            }

            return doc;
        }
        catch (XmlException ex)
        {
            throw new SolutionFileException(displayPath, ex.LineNumber, "XML is not well formed: " + StripPosition(ex.Message), ex);
        }
    }

    /// <summary>Loads an XML file from disk; <paramref name="displayPath"/> is used in messages and annotations.</summary>
    public static XDocument Load(string fullPath, string displayPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (IOException ex)
        {
            throw new SolutionFileException(displayPath, 0, "cannot read file: " + ex.Message, ex);
        }

        return Parse(bytes, displayPath);
    }

    /// <summary>
    /// An unpacked source file: UTF-8 without BOM (the repository's .editorconfig charset; pac writes one), XML declaration,
    /// two-space indent, LF, final newline. Unpacking over Solution/src therefore shows only real changes in a diff.
    /// </summary>
    public static byte[] ToUnpackedBytes(XElement root) => Write(root, omitDeclaration: false, finalNewline: true);

    /// <summary>A packed zip part: UTF-8 without BOM and without XML declaration (as exports have it).</summary>
    public static byte[] ToPackedBytes(XElement root) => Write(root, omitDeclaration: true, finalNewline: false);

    /// <summary>
    /// The [Content_Types].xml part as exports write it: UTF-8 with byte-order mark, XML declaration, on one line
    /// (real-export facts §1).
    /// </summary>
    public static byte[] ToContentTypesBytes(XElement root) => Write(root, omitDeclaration: false, finalNewline: false, bom: true, indent: false);

    /// <summary>UTF-8 (BOM as asked), two-space indent or none, LF line ends; the declaration and a final newline as asked.</summary>
    private static byte[] Write(XElement root, bool omitDeclaration, bool finalNewline, bool bom = false, bool indent = true)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = bom ? Utf8WithBom : Utf8NoBom,
            Indent = indent,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            OmitXmlDeclaration = omitDeclaration,
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            root.WriteTo(writer);
        }

        if (finalNewline)
        {
            stream.WriteByte((byte)'\n');
        }

        return stream.ToArray();
    }

    /// <summary>Line of an XML node when it was loaded with line info, else 0.</summary>
    public static int LineOf(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>The source file recorded on the node or its nearest annotated ancestor.</summary>
    public static string? FileOf(XObject? node)
    {
        XElement? element = node as XElement ?? node?.Parent;
        while (element is not null)
        {
            var annotation = element.Annotation<SourceFileAnnotation>();
            if (annotation is not null)
            {
                return annotation.Path;
            }

            element = element.Parent;
        }

        return null;
    }

    /// <summary>Detaches an element from its document or parent so it can be moved (keeping line info and annotations).</summary>
    public static XElement Detach(XElement element, string sourcePath)
    {
        if (element.Annotation<SourceFileAnnotation>() is null)
        {
            element.AddAnnotation(new SourceFileAnnotation(sourcePath));
        }

        if (element.Parent is not null || element.Document is not null)
        {
            element.Remove();
        }

        RemoveXsiDeclaration(element);
        return element;
    }

    /// <summary>Removes the xmlns:xsi declaration of an element that moves into a document declaring it at the root.</summary>
    public static void RemoveXsiDeclaration(XElement element)
    {
        foreach (var attribute in element.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == Xsi.NamespaceName).ToList())
        {
            attribute.Remove();
        }
    }

    /// <summary>Makes an element the root of an unpacked file: declares xmlns:xsi after its attributes, as exports do.</summary>
    public static XElement AsFileRoot(XElement element)
    {
        if (element.Parent is not null || element.Document is not null)
        {
            element.Remove();
        }

        if (!element.Attributes().Any(a => a.IsNamespaceDeclaration && a.Value == Xsi.NamespaceName))
        {
            element.Add(new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName));
        }

        return element;
    }

    /// <summary>Child element text, trimmed, or null.</summary>
    public static string? Text(this XElement element, string childName) => element.Element(childName)?.Value.Trim();

    /// <summary>Attribute value or null.</summary>
    public static string? Attr(this XElement element, string attributeName) => element.Attribute(attributeName)?.Value;

    /// <summary>GUID text normalised for comparisons: lower case without braces.</summary>
    public static string NormalizeId(string id) => id.Trim().Trim('{', '}').ToLowerInvariant();

    /// <summary>
    /// Removes the whitespace that only indents markup (text beside elements or comments), keeping the value of a text
    /// element that is nothing but whitespace (<c>&lt;Description&gt; &lt;/Description&gt;</c>) and anything under
    /// <c>xml:space="preserve"</c>: the files are written indented again, the values come back unchanged.
    /// </summary>
    private static void DropIndentation(XElement root)
    {
        var indentation = root.DescendantNodes().OfType<XText>()
            .Where(t => t is not XCData && t.Value.All(c => c is ' ' or '\t' or '\r' or '\n') && t.Parent!.Nodes().Any(n => n is not XText) && !Preserved(t.Parent))
            .ToList();
        foreach (var text in indentation)
        {
            text.Remove();
        }
    }

    private static bool Preserved(XElement element) =>
        element.AncestorsAndSelf().Select(e => e.Attribute(XNamespace.Xml + "space")?.Value).FirstOrDefault(v => v is not null) == "preserve";

    private static string StripPosition(string message)
    {
        var index = message.IndexOf(" Line ", StringComparison.Ordinal);
        return index > 0 ? message[..index].TrimEnd('.', ' ') : message;
    }
}
