using Terminal.Gui.ViewBase;

namespace LoadTestTui.Dashboard;

/// <summary>
/// Text and title setters that touch a view only when the text differs: a changed text
/// costs a redraw (or a layout), and most figures stay the same from tick to tick.
/// </summary>
internal static class ViewText
{
    public static bool SetText(this View view, string text)
    {
        if (string.Equals(view.Text, text, StringComparison.Ordinal))
            return false;
        view.Text = text;
        return true;
    }

    public static bool SetTitle(this View view, string title)
    {
        if (string.Equals(view.Title, title, StringComparison.Ordinal))
            return false;
        view.Title = title;
        return true;
    }
}
