//! A chart's life in the page: when it draws (at once, or at the next
//! animation frame, at most once a frame), what it watches (its container's
//! size, the pixel ratio, its canvas's context), calls that arrive while it
//! is busy, and destroy, which undoes all of it.
//!
//! Invariants:
//! - No callback runs after destroy: the pending frame is cancelled, the
//!   observer disconnected and every listener removed *before* its closure
//!   is dropped (a dropped closure that JavaScript still calls throws
//!   "closure invoked recursively or after being dropped").
//! - A call made while the chart is busy (from a getter of the spec being
//!   read, or from the page's dataset loader) never meets wasm-bindgen's
//!   "recursive use of an object": `update` and `destroy` are queued and run
//!   when the current call returns (the last spec wins; destroy wins over
//!   any update); the methods that read the drawing refuse with a message.
//! - One chart per container: `render` into an element that holds a chart
//!   destroys that chart first (the element keeps a function that does it,
//!   under `Symbol.for("housing-charts.chart")`).
//! - `update` paints at once unless an update already painted since the
//!   last frame; then it only checks the spec (its error is known when
//!   `update` returns) and paints at the next frame, once for any number of
//!   updates, the last spec winning. The promise `update` returns settles
//!   once its spec is painted (or refused).

use std::cell::Cell;

use super::*;
use state::State;

/// A chart's state (None once destroyed) and the calls made while it was busy.
pub(super) struct Shared {
    state: RefCell<Option<State>>,
    later_spec: RefCell<Option<JsValue>>,
    later_done: RefCell<Vec<js_sys::Function>>,
    later_destroy: Cell<bool>,
}

/// The callbacks, observers and schedule of one chart.
#[derive(Default)]
pub(super) struct Life {
    observer: Option<web_sys::ResizeObserver>,
    /// The container, unobserved for the rest of a frame it was drawn in
    /// from the observer's callback: observed again at the next frame.
    reobserve: Option<Element>,
    on_resize: Option<Closure<dyn FnMut(js_sys::Array)>>,
    on_frame: Option<Closure<dyn FnMut()>>,
    /// The animation frame asked for (its id, to cancel it).
    frame: Option<i32>,
    /// The chart must be laid out and painted again at the next frame.
    pub(super) relayout_due: bool,
    /// An update painted since the last frame: the next one waits for it.
    gate: bool,
    /// `(resolution: <dpr>dppx)`, re-armed at the frame after every change
    /// of the ratio (a query made inside the change event may still see
    /// the old ratio).
    ratio: Option<web_sys::MediaQueryList>,
    rearm: bool,
    on_ratio: Option<Closure<dyn FnMut(web_sys::Event)>>,
    /// The function kept on the host that destroys this chart.
    hold: Option<Closure<dyn FnMut()>>,
    /// Resolvers of the promises of updates not painted yet.
    waiting: Vec<js_sys::Function>,
}

/// The property of a host element that holds its chart's destroy function.
fn key() -> JsValue {
    js_sys::Symbol::for_("housing-charts.chart").into()
}

/// Destroys the chart drawn into `host` before, if any (by this instance
/// of the engine or another one).
pub(super) fn replace(host: &Element) {
    let old = js_sys::Reflect::get(host, &key()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(destroy) = old {
        let _ = destroy.call0(&JsValue::UNDEFINED);
        let _ = js_sys::Reflect::delete_property(host.unchecked_ref::<js_sys::Object>(), &key());
    }
}

fn resolved() -> js_sys::Promise {
    js_sys::Promise::resolve(&JsValue::UNDEFINED)
}

impl Shared {
    /// Wraps a fresh state and starts watching its container, pixel ratio
    /// and canvas.
    pub(super) fn new(state: State) -> Rc<Shared> {
        let shared = Rc::new(Shared {
            state: RefCell::new(Some(state)),
            later_spec: RefCell::new(None),
            later_done: RefCell::new(Vec::new()),
            later_destroy: Cell::new(false),
        });
        let weak = Rc::downgrade(&shared);
        shared.with(|s| {
            s.me = weak;
            s.watch();
        });
        shared
    }

    /// Runs `f` on the state (None when busy or destroyed), then the calls
    /// queued meanwhile.
    pub(super) fn with<R>(self: &Rc<Self>, f: impl FnOnce(&mut State) -> R) -> Option<R> {
        let r = {
            let mut guard = self.state.try_borrow_mut().ok()?;
            f(guard.as_mut()?)
        };
        self.run_later();
        Some(r)
    }

    /// Reads the state; a clear error when busy or destroyed.
    pub(super) fn read<R>(&self, what: &str, f: impl FnOnce(&State) -> Result<R, JsError>) -> Result<R, JsError> {
        let guard = self.state.try_borrow().map_err(|_| busy(what))?;
        f(guard.as_ref().ok_or_else(destroyed)?)
    }

    /// Whether the chart is not destroyed (nor about to be).
    pub(super) fn alive(&self) -> bool {
        !self.later_destroy.get() && self.state.try_borrow().map_or(true, |s| s.is_some())
    }

    /// `update`: now, or after the current call when busy.
    pub(super) fn update(self: &Rc<Self>, spec: &JsValue) -> js_sys::Promise {
        if let Some(p) = self.with(|s| s.update(spec, true)) {
            return p;
        }
        *self.later_spec.borrow_mut() = Some(spec.clone());
        let done = &self.later_done;
        js_sys::Promise::new(&mut |resolve, _| done.borrow_mut().push(resolve))
    }

    /// `destroy`: now, or after the current call when busy.
    pub(super) fn destroy(self: &Rc<Self>) {
        let taken = match self.state.try_borrow_mut() {
            Ok(mut s) => s.take(),
            Err(_) => {
                self.later_destroy.set(true);
                return;
            }
        };
        if let Some(s) = taken {
            s.destroy();
        }
        for f in self.later_done.take() {
            let _ = f.call0(&JsValue::UNDEFINED);
        }
    }

    fn run_later(self: &Rc<Self>) {
        if self.later_destroy.take() {
            self.later_spec.take();
            self.destroy();
            return;
        }
        let Some(spec) = self.later_spec.take() else { return };
        let done = self.later_done.take();
        let painted = self.with(|s| s.update(&spec, true)).unwrap_or_else(resolved);
        for f in done {
            let _ = f.call1(&JsValue::UNDEFINED, &painted);
        }
    }
}

pub(super) fn busy(what: &str) -> JsError {
    JsError::new(&format!(
        "housing-charts: {what} was called while the chart is drawing (from a getter of its spec or the dataset loader); call it after that returns"
    ))
}

pub(super) fn destroyed() -> JsError {
    JsError::new("housing-charts: this chart was destroyed; call render() again")
}

impl State {
    /// Takes a new spec. `coalesce`: wait for the next frame if an update
    /// already painted since the last one (the first draw never waits).
    pub(super) fn update(&mut self, spec: &JsValue, coalesce: bool) -> js_sys::Promise {
        // A dataset still being fetched for the spec before is no longer
        // awaited: the new spec draws now (and asks again if it needs one).
        self.dataset_pending = None;
        match read_spec(spec) {
            Ok(input) => {
                self.spec = Some(input);
                self.prepared = None;
                if coalesce && self.life.gate {
                    self.life.relayout_due = true;
                    self.check();
                    if self.life.relayout_due {
                        self.request_frame();
                        let waiting = &mut self.life.waiting;
                        return js_sys::Promise::new(&mut |resolve, _| waiting.push(resolve));
                    }
                } else {
                    self.relayout();
                    if coalesce {
                        self.life.gate = true;
                        self.request_frame();
                    }
                }
            }
            Err(e) => {
                self.life.relayout_due = false;
                self.fail(e);
            }
        }
        self.painted();
        resolved()
    }

    /// After a draw (or a refusal): the updates waiting for it are done.
    pub(super) fn painted(&mut self) {
        for f in self.life.waiting.drain(..) {
            let _ = f.call0(&JsValue::UNDEFINED);
        }
    }

    fn request_frame(&mut self) {
        if self.life.frame.is_some() {
            return;
        }
        if let (Some(w), Some(f)) = (web_sys::window(), &self.life.on_frame) {
            self.life.frame = w.request_animation_frame(f.as_ref().unchecked_ref()).ok();
        }
    }

    /// The animation frame: the first after an update's paint only opens the
    /// gate again (and asks for the next one if more is due).
    fn frame(&mut self) {
        self.life.frame = None;
        if std::mem::take(&mut self.life.rearm) {
            self.follow_ratio();
        }
        if let (Some(target), Some(o)) = (self.life.reobserve.take(), &self.life.observer) {
            o.observe(&target);
        }
        if self.life.gate {
            self.life.gate = false;
            if self.life.relayout_due {
                self.request_frame();
            }
        } else if self.life.relayout_due {
            self.relayout();
        }
    }

    /// The container's size changed: a container that just got a width (it
    /// was zero-size, hidden or detached) is drawn at once, inside this
    /// observer callback, so the frame it first shows in is right; the
    /// container is then left unobserved until the next frame, so that its
    /// new height is no "ResizeObserver loop". Any other change is drawn at
    /// the next animation frame (100 resizes in a frame cost one draw).
    fn resized(&mut self) {
        if self.spec.is_none() {
            return;
        }
        let width = self.container_width();
        if width < 1.0 || (width - self.width).abs() < 1.0 {
            return;
        }
        if self.width < 1.0 {
            self.relayout();
            if let (Some(target), Some(o)) = (self.container(), &self.life.observer) {
                o.unobserve(&target);
                self.life.reobserve = Some(target);
                self.request_frame();
            }
        } else {
            self.life.relayout_due = true;
            self.request_frame();
        }
    }

    /// Listens for the next change of devicePixelRatio (a window moved to
    /// another screen, the browser's zoom): the query for the ratio now
    /// stops matching; it is asked again for the new ratio each time.
    fn follow_ratio(&mut self) {
        if let (Some(m), Some(f)) = (self.life.ratio.take(), &self.life.on_ratio) {
            let _ = m.remove_event_listener_with_callback("change", f.as_ref().unchecked_ref());
        }
        let Some(window) = web_sys::window() else { return };
        let query = format!("(resolution: {}dppx)", window.device_pixel_ratio());
        let (Ok(Some(m)), Some(f)) = (window.match_media(&query), &self.life.on_ratio) else { return };
        if m.add_event_listener_with_callback("change", f.as_ref().unchecked_ref()).is_ok() {
            self.life.ratio = Some(m);
        }
    }

    /// Starts watching: the container's size, the pixel ratio, and the host's
    /// function that destroys this chart.
    fn watch(&mut self) {
        let weak = self.me.clone();
        self.life.on_frame = Some(Closure::<dyn FnMut()>::new(move || {
            if let Some(rc) = weak.upgrade() {
                rc.with(State::frame);
            }
        }));
        let weak = self.me.clone();
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            if let Some(rc) = weak.upgrade() {
                rc.with(State::resized);
            }
        });
        if let (Some(target), Ok(observer)) = (self.container(), web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())) {
            observer.observe(&target);
            self.life.observer = Some(observer);
        }
        self.life.on_resize = Some(on_resize);
        let weak = self.me.clone();
        self.life.on_ratio = Some(Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            if let Some(rc) = weak.upgrade() {
                rc.with(|s| {
                    s.life.rearm = true;
                    s.life.relayout_due = s.spec.is_some();
                    s.request_frame();
                });
            }
        }));
        self.follow_ratio();
        let weak = self.me.clone();
        let hold = Closure::<dyn FnMut()>::new(move || {
            if let Some(rc) = weak.upgrade() {
                rc.destroy();
            }
        });
        let _ = js_sys::Reflect::set(&self.host, &key(), hold.as_ref());
        self.life.hold = Some(hold);
        self.listeners = interact::install(self);
    }

    /// Removes what `render` added to the page and undoes every callback
    /// (each one's source stopped before its closure is dropped).
    fn destroy(mut self) {
        let life = std::mem::take(&mut self.life);
        if let (Some(id), Some(w)) = (life.frame, web_sys::window()) {
            let _ = w.cancel_animation_frame(id);
        }
        if let Some(o) = &life.observer {
            o.disconnect();
        }
        if let (Some(m), Some(f)) = (&life.ratio, &life.on_ratio) {
            let _ = m.remove_event_listener_with_callback("change", f.as_ref().unchecked_ref());
        }
        if let Some(hold) = &life.hold {
            let ours = js_sys::Reflect::get(&self.host, &key()).is_ok_and(|f| f == *hold.as_ref());
            if ours {
                let _ = js_sys::Reflect::delete_property(self.host.unchecked_ref::<js_sys::Object>(), &key());
            }
        }
        for (name, f) in self.listeners.drain(..) {
            let _ = self.canvas.remove_event_listener_with_callback(name, f.as_ref().unchecked_ref());
        }
        for f in &life.waiting {
            let _ = f.call0(&JsValue::UNDEFINED);
        }
        for el in [self.message.take(), self.table.take(), self.tooltip.take(), self.live.take()].into_iter().flatten() {
            el.remove();
        }
        if self.owns_canvas {
            self.canvas.remove();
            // Its pixels are freed now, not when the handle is collected.
            self.canvas.set_width(0);
            self.canvas.set_height(0);
        } else {
            let _ = self.canvas.style().remove_property("display");
        }
        drop(life);
    }
}
