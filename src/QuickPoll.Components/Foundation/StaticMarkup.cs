using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;

// Reading render-tree frames is what the framework's own static renderer does; the frame types are stable across
// releases in practice, and the component tests compare this writer's output with the renderer's.
#pragma warning disable BL0006

namespace QuickPoll.Components;

/// <summary>
/// Writes a fragment of plain markup (elements, attributes, text; no components, no events) as HTML, the way static
/// server rendering writes it. With static rendering a component's content never changes after it is written, so
/// handing the renderer one markup frame instead of hundreds of frames to diff and write makes the same page for a
/// fraction of the work.
/// </summary>
internal static class StaticMarkup
{
    // The elements HTML writes without a closing tag, as the static renderer knows them.
    private static readonly HashSet<string> s_voidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    [ThreadStatic]
    private static StringBuilder? t_text;

    /// <summary>The HTML of <paramref name="fragment"/>.</summary>
    /// <exception cref="InvalidOperationException">The fragment holds a component or a named event, which need the renderer.</exception>
    public static string Write(RenderFragment fragment)
    {
        using var builder = new RenderTreeBuilder();
        fragment(builder);
        var frames = builder.GetFrames();
        var text = t_text ?? new StringBuilder(4096);
        t_text = null;
        try
        {
            using (var output = new StringWriter(text))
            {
                WriteFrames(output, frames.Array, 0, frames.Count, HtmlEncoder.Default);
            }

            return text.ToString();
        }
        finally
        {
            text.Clear();
            if (text.Capacity <= 64 * 1024)
            {
                t_text = text;
            }
        }
    }

    // Markup lives as long as what it was made from: the API's cached summary or page of reviews, until it is replaced.
    private static readonly ConditionalWeakTable<object, Written> s_written = [];

    /// <summary>The markup written for <paramref name="source"/> with <paramref name="key"/>, or <paramref name="write"/>'s, kept for the next time.</summary>
    /// <param name="source">What the markup shows; the markup is forgotten with it.</param>
    /// <param name="key">Everything else the markup depends on (language, texts, classes), compared by value.</param>
    /// <param name="write">Writes the markup.</param>
    public static string Cached(object source, object key, Func<string> write)
    {
        if (s_written.TryGetValue(source, out var written) && written.Key.Equals(key))
        {
            return written.Html;
        }

        var html = write();
        s_written.AddOrUpdate(source, new Written(key, html));
        return html;
    }

    /// <summary>A fragment that adds <paramref name="html"/> as one markup frame.</summary>
    public static RenderFragment Fragment(string html) => builder => builder.AddMarkupContent(0, html);

    private sealed record Written(object Key, string Html);

    private static int WriteFrames(StringWriter output, RenderTreeFrame[] frames, int position, int end, TextEncoder encoder)
    {
        while (position < end)
        {
            ref var frame = ref frames[position];
            switch (frame.FrameType)
            {
                case RenderTreeFrameType.Element:
                    position = WriteElement(output, frames, position, encoder);
                    break;
                case RenderTreeFrameType.Text:
                    encoder.Encode(output, frame.TextContent);
                    position++;
                    break;
                case RenderTreeFrameType.Markup:
                    output.Write(frame.MarkupContent);
                    position++;
                    break;
                case RenderTreeFrameType.Region:
                    position = WriteFrames(output, frames, position + 1, position + frame.RegionSubtreeLength, encoder);
                    break;
                case RenderTreeFrameType.ElementReferenceCapture:
                case RenderTreeFrameType.ComponentReferenceCapture:
                    position++;
                    break;
                default:
                    throw new InvalidOperationException($"Static markup cannot hold a {frame.FrameType} frame.");
            }
        }

        return position;
    }

    private static int WriteElement(StringWriter output, RenderTreeFrame[] frames, int position, TextEncoder encoder)
    {
        ref var element = ref frames[position];
        var name = element.ElementName;
        var end = position + element.ElementSubtreeLength;
        output.Write('<');
        output.Write(name);
        var child = position + 1;
        for (; child < end; child++)
        {
            ref var frame = ref frames[child];
            if (frame.FrameType == RenderTreeFrameType.ElementReferenceCapture)
            {
                continue;
            }

            if (frame.FrameType != RenderTreeFrameType.Attribute)
            {
                break;
            }

            // As the static renderer: true writes the bare name; false, null, handlers and other values write nothing.
            switch (frame.AttributeValue)
            {
                case bool flag when flag:
                    output.Write(' ');
                    output.Write(frame.AttributeName);
                    break;
                case string value:
                    output.Write(' ');
                    output.Write(frame.AttributeName);
                    output.Write("=\"");
                    HtmlEncoder.Default.Encode(output, value);
                    output.Write('"');
                    break;
                default:
                    break;
            }
        }

        if (name.Equals("textarea", StringComparison.OrdinalIgnoreCase) || name.Equals("select", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Static markup does not write a {name} element.");
        }

        if (child < end)
        {
            output.Write('>');
            // Text inside a script element is encoded for JavaScript, as the static renderer does.
            WriteFrames(output, frames, child, end, name.Equals("script", StringComparison.OrdinalIgnoreCase) ? JavaScriptEncoder.Default : encoder);
            output.Write("</");
            output.Write(name);
            output.Write('>');
        }
        else if (s_voidElements.Contains(name))
        {
            output.Write(" />");
        }
        else
        {
            output.Write("></");
            output.Write(name);
            output.Write('>');
        }

        return end;
    }
}
