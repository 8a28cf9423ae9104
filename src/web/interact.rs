//! Tooltips (hover and touch), keyboard navigation with a visible focus
//! marker, and a live region that announces the focused figure.
//!
//! Hit-testing uses the marks the layout recorded (`Scene::marks`); tooltip
//! text comes from `describe::datum`, in the chart's language. The tooltip is
//! placed above (or below) the figure's box, never over it, and kept within
//! the canvas; it is text only, never HTML.

use std::rc::Weak;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent, PointerEvent};

use super::{Shared, State};
use crate::theme::Rgba;

/// Listeners the chart installs on its canvas (removed on destroy).
pub(super) type Listener = (&'static str, Closure<dyn FnMut(web_sys::Event)>);

/// Makes the canvas focusable and installs the pointer and key listeners,
/// and those of the context: a lost context may be restored (the default
/// is not to), and a restored one is painted again.
pub(super) fn install(state: &State) -> Vec<Listener> {
    let canvas = state.canvas.clone();
    let _ = canvas.set_attribute("tabindex", "0");
    let mut out: Vec<Listener> = Vec::new();
    let on = |handler: fn(&mut State, &web_sys::Event)| {
        let weak: Weak<Shared> = state.me.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            if let Some(rc) = weak.upgrade() {
                rc.with(|s| handler(s, &e));
            }
        })
    };
    out.push(("pointermove", on(|s, e| s.pointer(e))));
    out.push(("pointerdown", on(|s, e| s.pointer(e))));
    out.push(("pointerleave", on(|s, _| s.clear_focus())));
    out.push(("keydown", on(|s, e| s.key(e))));
    out.push(("blur", on(|s, _| s.clear_focus())));
    out.push(("contextlost", on(|_, e| e.prevent_default())));
    out.push(("contextrestored", on(|s, _| s.paint())));
    for (name, f) in &out {
        let _ = canvas.add_event_listener_with_callback(name, f.as_ref().unchecked_ref());
    }
    out
}

impl State {
    /// Hover or touch: the figure under the pointer, or the nearest within 24 px.
    fn pointer(&mut self, e: &web_sys::Event) {
        let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
        let rect = self.canvas.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return;
        }
        let k = f64::from(self.canvas.width()) / rect.width();
        let (px, py) = ((f64::from(e.client_x()) - rect.left()) * k, (f64::from(e.client_y()) - rect.top()) * k);
        let reach = 24.0 * k;
        let hit = self
            .marks
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let dx = (m.x - px).max(px - (m.x + m.w)).max(0.0);
                let dy = (m.y - py).max(py - (m.y + m.h)).max(0.0);
                (i, dx * dx + dy * dy)
            })
            .filter(|(_, d)| *d <= reach * reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        match hit {
            Some(i) if self.focus != Some(i) => self.focus_mark(i, false),
            Some(_) => {}
            None => self.clear_focus(),
        }
    }

    /// Arrow keys move between figures, Home/End jump, Escape leaves.
    fn key(&mut self, e: &web_sys::Event) {
        let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
        let n = self.marks.len();
        if n == 0 {
            return;
        }
        let next = match (e.key().as_str(), self.focus) {
            ("ArrowRight" | "ArrowDown", Some(i)) => Some((i + 1) % n),
            ("ArrowLeft" | "ArrowUp", Some(i)) => Some((i + n - 1) % n),
            ("ArrowRight" | "ArrowDown" | "Home", None) | ("Home", Some(_)) => Some(0),
            ("ArrowLeft" | "ArrowUp" | "End", _) => Some(n - 1),
            ("Escape", _) => {
                self.clear_focus();
                let _ = self.canvas.blur();
                e.prevent_default();
                return;
            }
            _ => return,
        };
        e.prevent_default();
        if let Some(i) = next {
            self.focus_mark(i, true);
        }
    }

    /// Focuses mark `i`: ring, tooltip and (from the keyboard) announcement.
    fn focus_mark(&mut self, i: usize, announce: bool) {
        self.focus = Some(i);
        self.paint();
        let Some(m) = self.marks.get(i).copied() else { return };
        let lines = match self.model() {
            Some(model) => crate::describe::datum(model, m.series, m.index),
            None => Vec::new(),
        };
        if announce {
            if let Some(live) = self.live_region() {
                live.set_text_content(Some(&lines.join(". ")));
            }
        }
        self.show_tooltip(&lines, m);
    }

    /// Removes the focus ring and the tooltip.
    pub(super) fn clear_focus(&mut self) {
        if self.focus.take().is_some() {
            self.paint();
        }
        if let Some(t) = &self.tooltip {
            let _ = t.style().set_property("display", "none");
        }
    }

    /// Redraws the cached scene, then the focus ring if a figure is focused.
    pub(super) fn paint(&mut self) {
        let Some(scene) = &self.scene else { return };
        if super::paint_scene(&self.canvas, scene).is_err() {
            return;
        }
        let (Some(i), Ok(ctx)) = (self.focus, super::measure::context(&self.canvas)) else { return };
        let Some(m) = self.marks.get(i) else { return };
        let ink = self.model().map_or(Rgba::rgb(0, 0, 0), |c| c.theme.title);
        let k = scene.dpr;
        ctx.set_stroke_style_str(&format!("rgb({},{},{})", ink.r, ink.g, ink.b));
        ctx.set_line_width(2.0 * k);
        ctx.stroke_rect(m.x - 3.0 * k, m.y - 3.0 * k, m.w + 6.0 * k, m.h + 6.0 * k);
    }

    fn live_region(&mut self) -> Option<HtmlElement> {
        if self.live.is_none() {
            let document = self.host.owner_document()?;
            let el: HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
            let _ = el.set_attribute("aria-live", "polite");
            let _ = el.set_attribute("role", "status");
            super::visually_hidden(&el);
            let _ = self.canvas.after_with_node_1(&el);
            self.live = Some(el);
        }
        self.live.clone()
    }

    /// Shows `lines` next to mark `m`: above its box if there is room in the
    /// canvas, else below; kept within the canvas horizontally.
    fn show_tooltip(&mut self, lines: &[String], m: crate::layout::Mark) {
        if lines.is_empty() {
            return;
        }
        if self.tooltip.is_none() {
            let Some(document) = self.host.owner_document() else { return };
            let Some(el) = document.create_element("div").ok().and_then(|e| e.dyn_into::<HtmlElement>().ok()) else { return };
            el.set_class_name("housing-chart-tooltip");
            let _ = el.set_attribute("aria-hidden", "true");
            let dark = self.model().is_some_and(|c| c.theme.background.luminance() < 0.2);
            let (bg, fg, border) = if dark { ("#24272d", "#f2f2f2", "#4a4e55") } else { ("#ffffff", "#1a1a1a", "#c8c8c8") };
            let style = el.style();
            for (k, v) in [
                ("position", "fixed"),
                ("z-index", "2147483647"),
                ("pointer-events", "none"),
                ("max-width", "260px"),
                ("padding", "6px 8px"),
                ("font", "13px/1.35 system-ui, sans-serif"),
                ("background", bg),
                ("color", fg),
                ("border", &format!("1px solid {border}")),
                ("border-radius", "4px"),
                ("box-shadow", "0 1px 4px rgba(0,0,0,.2)"),
                ("white-space", "pre-line"),
            ] {
                let _ = style.set_property_with_priority(k, v, "important");
            }
            let _ = self.canvas.after_with_node_1(&el);
            self.tooltip = Some(el);
        }
        let Some(tip) = self.tooltip.clone() else { return };
        tip.set_text_content(Some(&lines.join("\n")));
        let style = tip.style();
        if let Some(chart) = self.model() {
            // The chart's own font families (checked by `theme::check_font`).
            let _ = style.set_property_with_priority("font-family", &chart.theme.font_family, "important");
        }
        let _ = style.set_property("display", "block");
        let rect = self.canvas.get_bounding_client_rect();
        let k = if self.canvas.width() > 0 { rect.width() / f64::from(self.canvas.width()) } else { 1.0 };
        let (bx, by, bw, bh) = (rect.left() + m.x * k, rect.top() + m.y * k, m.w * k, m.h * k);
        let (tw, th) = (f64::from(tip.offset_width()), f64::from(tip.offset_height()));
        let left = (bx + bw / 2.0 - tw / 2.0).min(rect.right() - tw).max(rect.left());
        let top = if by - th - 8.0 >= rect.top() { by - th - 8.0 } else { by + bh + 8.0 };
        let _ = style.set_property("left", &format!("{left}px"));
        let _ = style.set_property("top", &format!("{top}px"));
    }
}
