using Ops.Display;

namespace Ops.Tests.Display;

public class FormatterSelectionTests
{
    // Types private to this class: the registry is process-wide and other tests run in parallel.
    private interface IDevice { string Name { get; } }
    private class Device(string name) : IDevice { public string Name { get; } = name; }
    private class AccessPoint(string name) : Device(name) { }
    private sealed class Controller(string name) : AccessPoint(name) { }
    private interface IRadio { int Channel { get; } }
    private sealed class RadioAp(string name) : AccessPoint(name), IRadio { public int Channel => 36; }
    private sealed class Renderable : IMimeRenderable
    {
        public MimeBundle ToMimeBundle() => new("self-rendered");
    }

    [Fact]
    public void Most_specific_registered_type_wins_over_base_class_and_interface()
    {
        Formatter.Register<IDevice>(d => "device " + d.Name);
        Formatter.Register<Device>(d => "base " + d.Name);
        Formatter.Register<AccessPoint>(d => "ap " + d.Name);
        try
        {
            Assert.Equal("ap AP1", Formatter.ToPlainText(new AccessPoint("AP1")));
            // Controller derives from AccessPoint: the nearest registered ancestor is used.
            Assert.Equal("ap WLC1", Formatter.ToPlainText(new Controller("WLC1")));
            Assert.Equal("base d", Formatter.ToPlainText(new Device("d")));
        }
        finally
        {
            Formatter.Unregister<AccessPoint>();
            Formatter.Unregister<Device>();
            Formatter.Unregister<IDevice>();
        }
    }

    [Fact]
    public void Interface_formatter_applies_when_no_class_formatter_is_registered()
    {
        Formatter.Register<IDevice>(d => "device " + d.Name);
        try
        {
            Assert.Equal("device AP9", Formatter.ToPlainText(new AccessPoint("AP9")));
        }
        finally
        {
            Formatter.Unregister<IDevice>();
        }
        Assert.Equal("Name: AP9", Formatter.ToPlainText(new AccessPoint("AP9")));
    }

    [Fact]
    public void Unregistering_falls_back_to_the_next_ancestor()
    {
        Formatter.Register<Device>(d => "base " + d.Name);
        Formatter.Register<AccessPoint>(d => "ap " + d.Name);
        Formatter.Unregister<AccessPoint>();
        try
        {
            Assert.Equal("base AP2", Formatter.ToPlainText(new AccessPoint("AP2")));
        }
        finally
        {
            Formatter.Unregister<Device>();
        }
    }

    [Fact]
    public void Registered_formatter_beats_the_value_rendering_itself()
    {
        Assert.Equal("self-rendered", Formatter.ToPlainText(new Renderable()));
        Formatter.Register<Renderable>(_ => new MimeBundle("registered").With(MimeTypes.Html, "<i>registered</i>"));
        try
        {
            var bundle = Formatter.Format(new Renderable());
            Assert.Equal("registered", bundle.PlainText);
            Assert.Equal("<i>registered</i>", bundle.Get(MimeTypes.Html));
        }
        finally
        {
            Formatter.Unregister<Renderable>();
        }
    }

    [Fact]
    public void Null_and_primitives_render_in_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("null", Formatter.ToPlainText(null));
            Assert.Equal("0.1", Formatter.ToPlainText(0.1));
            Assert.Equal("1234567", Formatter.ToPlainText(1234567));
            Assert.Equal("true", Formatter.ToPlainText(true));
            Assert.Equal("2019-06-14 00:01:40", Formatter.ToPlainText(new DateTime(2019, 6, 14, 0, 1, 40)));
            Assert.Equal("text", Formatter.ToPlainText("text"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Class_formatter_beats_an_unrelated_interface_whatever_the_registration_order()
    {
        Formatter.Register<IRadio>(r => "radio " + r.Channel);
        Formatter.Register<Device>(d => "device " + d.Name);
        try
        {
            Assert.Equal("device AP3", Formatter.ToPlainText(new RadioAp("AP3")));
            Formatter.Unregister<IRadio>();
            Formatter.Register<IRadio>(r => "radio " + r.Channel);
            Assert.Equal("device AP3", Formatter.ToPlainText(new RadioAp("AP3")));
            // A nearer class still beats both.
            Formatter.Register<AccessPoint>(a => "ap " + a.Name);
            Assert.Equal("ap AP3", Formatter.ToPlainText(new RadioAp("AP3")));
        }
        finally
        {
            Formatter.Unregister<AccessPoint>();
            Formatter.Unregister<Device>();
            Formatter.Unregister<IRadio>();
        }
    }
}
