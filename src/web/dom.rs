//! What a chart writes into the page besides its canvas: the visually
//! hidden data table, the message shown in place of the chart (an error, or
//! that its dataset is loading), always as text, never as HTML.

use super::*;

impl State {
    /// The data as a table after the canvas (text only), in a visually
    /// hidden box: a box, because a table does not shrink to 1 px wide, and
    /// an unshrunk table would widen the page on a phone.
    pub(super) fn write_table(&mut self, t: &crate::describe::Table) -> Result<(), JsValue> {
        let document = self.host.owner_document().ok_or_else(|| JsValue::from_str("no document"))?;
        let boxed: HtmlElement = match &self.table {
            Some(t) => t.clone(),
            None => {
                let el: HtmlElement = document.create_element("div")?.dyn_into()?;
                visually_hidden(&el);
                self.canvas.after_with_node_1(&el)?;
                self.table = Some(el.clone());
                el
            }
        };
        let table = document.create_element("table")?;
        table.set_class_name("housing-chart-data");
        boxed.replace_children_with_node_1(&table);
        let caption = document.create_element("caption")?;
        caption.set_text_content(Some(&t.caption));
        table.append_child(&caption)?;
        let row = |cells: &[String], tag: &str| -> Result<Element, JsValue> {
            let tr = document.create_element("tr")?;
            for c in cells {
                let cell = document.create_element(tag)?;
                cell.set_text_content(Some(c));
                tr.append_child(&cell)?;
            }
            Ok(tr)
        };
        table.append_child(&row(&t.headers, "th")?.into())?;
        for r in &t.rows {
            table.append_child(&row(r, "td")?.into())?;
        }
        Ok(())
    }

    /// An error in place of the chart (and the console has it).
    pub(super) fn show_message(&mut self, e: &Error) -> Result<(), JsError> {
        self.show_text(&format!("Chart error: {e}"), true)
    }

    /// In place of the chart while its dataset is fetched: a status, not an error.
    pub(super) fn show_loading(&mut self) {
        self.error = None;
        let name = self.dataset_pending.clone().unwrap_or_default();
        if let Err(e) = self.show_text(&format!("Loading the figures of \"{name}\"…"), false) {
            web_sys::console::error_1(&e.into());
        }
    }

    /// `text` in place of the chart, as text, never HTML (a spec's strings
    /// cannot inject markup): an alert in error colours, or a plain status.
    /// Its styles are inline and `!important`, so the page's CSS (`div {
    /// display: none !important }`, `* { direction: rtl }`) cannot hide or
    /// turn it, as the element's shadow root keeps it from the element's.
    fn show_text(&mut self, text: &str, alert: bool) -> Result<(), JsError> {
        let _ = self.canvas.style().set_property_with_priority("display", "none", "important");
        let message = match &self.message {
            Some(m) => m.clone(),
            None => {
                let document = self.host.owner_document().ok_or_else(|| JsError::new("housing-charts: no document"))?;
                let m: HtmlElement = create(&document, "div")?;
                m.set_class_name("housing-chart-error");
                let style = m.style();
                for (k, v) in [
                    ("font", "14px/1.4 system-ui, sans-serif"),
                    ("border-radius", "4px"),
                    ("padding", "12px"),
                    ("white-space", "pre-wrap"),
                    ("overflow-wrap", "anywhere"),
                    ("margin", "0"),
                    ("text-align", "start"),
                    ("visibility", "visible"),
                    ("opacity", "1"),
                ] {
                    let _ = style.set_property_with_priority(k, v, "important");
                }
                self.canvas.after_with_node_1(&m).map_err(js_err)?;
                self.message = Some(m.clone());
                m
            }
        };
        let (role, color, background, border) =
            if alert { ("alert", "#8a1c1c", "#fff5f5", "#e0b4b4") } else { ("status", "#444444", "transparent", "#d0d0d0") };
        let _ = message.set_attribute("role", role);
        // The message reads in the direction of its text (English, or the
        // spec's own words), never the page's.
        let _ = message.set_attribute("dir", "auto");
        let style = message.style();
        for (k, v) in [
            ("color", color),
            ("background", background),
            ("border", &format!("1px solid {border}")),
            ("display", "block"),
            ("direction", "ltr"),
            ("unicode-bidi", "plaintext"),
        ] {
            let _ = style.set_property_with_priority(k, v, "important");
        }
        message.set_text_content(Some(text));
        Ok(())
    }

    pub(super) fn hide_message(&mut self) {
        if let Some(m) = &self.message {
            let _ = m.style().set_property_with_priority("display", "none", "important");
        }
        let _ = self.canvas.style().set_property_with_priority("display", "block", "important");
    }
}

/// Hides an element from sight but not from screen readers.
pub(super) fn visually_hidden(el: &HtmlElement) {
    let style = el.style();
    for (k, v) in [
        ("position", "absolute"),
        ("width", "1px"),
        ("height", "1px"),
        ("overflow", "hidden"),
        ("margin", "-1px"),
        ("padding", "0"),
        ("border", "0"),
        ("clip", "rect(0 0 0 0)"),
        ("clip-path", "inset(50%)"),
        ("white-space", "nowrap"),
        // What changes inside (the table, rewritten per spec) never makes
        // the page lay itself out again around it.
        ("contain", "strict"),
    ] {
        let _ = style.set_property_with_priority(k, v, "important");
    }
}
