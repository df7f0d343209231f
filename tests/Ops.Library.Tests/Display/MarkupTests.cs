using Ops.Display;

namespace Ops.Library.Tests.Display;

public class MarkupTests
{
    [Fact]
    public void Html_is_kept_as_given_and_its_plain_text_has_no_tags()
    {
        var bundle = Markup.Html("<p>AP <b>1</b> &lt;down&gt;</p>");
        Assert.Equal("<p>AP <b>1</b> &lt;down&gt;</p>", bundle.Get(MimeTypes.Html));
        Assert.Equal("AP 1 <down>", bundle.PlainText);
    }

    [Fact]
    public void A_mime_bundle_formats_as_itself_not_as_a_table()
    {
        var bundle = new MimeBundle("plain").With(MimeTypes.Html, "<i>x</i>");
        Assert.Same(bundle, Formatter.Format(bundle));
    }

    [Fact]
    public void Json_takes_a_document_or_serializes_a_value_and_refuses_text_that_is_not_json()
    {
        Assert.Equal("[1,2]", Markup.Json("[1,2]").Get(MimeTypes.Json));
        Assert.Equal("{\"Name\":\"ap1\"}", Markup.Json(new { Name = "ap1" }).Get(MimeTypes.Json));
        Assert.Equal("{\n  \"Name\": \"ap1\"\n}", Markup.Json(new { Name = "ap1" }).PlainText);
        var e = Assert.Throws<ArgumentException>(() => Markup.Json("{not json"));
        Assert.Contains("not JSON", e.Message);
    }

    [Fact]
    public void Svg_and_markdown_carry_their_mime_types_and_svg_must_be_svg()
    {
        Assert.Equal("<svg/>", Markup.Svg("<svg/>").Get(MimeTypes.Svg));
        Assert.Equal("*x*", Markup.Markdown("*x*").Get(MimeTypes.Markdown));
        Assert.Throws<ArgumentException>(() => Markup.Svg("<png/>"));
    }
}
