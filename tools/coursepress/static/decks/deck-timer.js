/* A countdown for timed slides (activities, breaks): a reveal.js plugin.
 *
 * A slide with data-countdown="SECONDS" shows its time as m:ss. Press T to start
 * the countdown, T again to pause or resume; when it reaches 0:00 it says so, and
 * T starts it again. T is not one of reveal.js's own keys, and it is listed in the
 * help overlay (?). Plain script, no network: works from a file:// URL.
 *
 * The speaker view (notes plugin) shows the deck in frames: those copies ask the
 * deck for the timer's state and show it, and T pressed there reaches the deck.
 */
(function () {
  "use strict";

  var NAMESPACE = "course-timer";
  var KEY_T = 84;

  function format(seconds) {
    var whole = Math.max(0, Math.ceil(seconds));
    var minutes = Math.floor(whole / 60);
    var rest = whole % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function display(slide) {
    var shown = slide.querySelector(".countdown");
    if (!shown) {
      shown = document.createElement("p");
      shown.className = "countdown";
      // role=timer is off-by-default live region: no ticking read aloud.
      shown.setAttribute("role", "timer");
      shown.setAttribute("aria-label", "Time left");
      var title = slide.querySelector("h1, h2");
      if (title && title.nextSibling) {
        slide.insertBefore(shown, title.nextSibling);
      } else {
        slide.appendChild(shown);
      }
    }
    return shown;
  }

  function show(slide, state) {
    var shown = display(slide);
    shown.textContent = state.remaining > 0 ? format(state.remaining) : "Time";
    shown.classList.toggle("running", state.running);
    shown.classList.toggle("done", state.remaining <= 0);
    slide.setAttribute("data-countdown-remaining", String(Math.ceil(state.remaining)));
  }

  function Timer(deck) {
    this.deck = deck;
    this.states = new Map(); // slide element: {total, remaining, running, endAt}
    this.frames = []; // speaker-view copies of the deck that show the timer
    this.ticking = null;
  }

  Timer.prototype.state = function (slide) {
    if (!this.states.has(slide)) {
      var total = parseInt(slide.getAttribute("data-countdown"), 10) || 0;
      this.states.set(slide, { total: total, remaining: total, running: false, endAt: 0 });
    }
    return this.states.get(slide);
  };

  Timer.prototype.toggle = function () {
    var slide = this.deck.getCurrentSlide();
    if (!slide || !slide.hasAttribute("data-countdown")) return;
    var state = this.state(slide);
    if (state.running) {
      state.remaining = (state.endAt - Date.now()) / 1000;
      state.running = false;
    } else {
      if (state.remaining <= 0) state.remaining = state.total;
      state.endAt = Date.now() + state.remaining * 1000;
      state.running = true;
    }
    this.update();
  };

  Timer.prototype.update = function () {
    var self = this;
    var running = false;
    this.states.forEach(function (state, slide) {
      if (state.running) {
        state.remaining = (state.endAt - Date.now()) / 1000;
        if (state.remaining <= 0) {
          state.remaining = 0;
          state.running = false;
        }
        running = running || state.running;
      }
      show(slide, state);
      self.tell(slide, state);
    });
    if (running && !this.ticking) {
      this.ticking = window.setInterval(function () { self.update(); }, 250);
    } else if (!running && this.ticking) {
      window.clearInterval(this.ticking);
      this.ticking = null;
    }
  };

  Timer.prototype.tell = function (slide, state) {
    if (!this.frames.length) return;
    var at = this.deck.getIndices(slide);
    var message = JSON.stringify({
      namespace: NAMESPACE, type: "state", h: at.h, v: at.v || 0,
      remaining: state.remaining, running: state.running
    });
    this.frames.forEach(function (frame) { frame.postMessage(message, "*"); });
  };

  Timer.prototype.listen = function () {
    var self = this;
    window.addEventListener("message", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (!data || data.namespace !== NAMESPACE) return;
      if (data.type === "hello" && self.frames.indexOf(event.source) < 0) {
        self.frames.push(event.source);
        self.update();
      } else if (data.type === "toggle") {
        self.toggle();
      }
    });
  };

  // In the speaker view: show the deck's timer, and pass T on to the deck.
  function Copy(deck, owner) {
    this.deck = deck;
    this.owner = owner;
  }

  Copy.prototype.start = function () {
    var self = this;
    window.addEventListener("message", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (!data || data.namespace !== NAMESPACE || data.type !== "state") return;
      var slide = self.deck.getSlide(data.h, data.v);
      if (slide) show(slide, data);
    });
    this.owner.postMessage(JSON.stringify({ namespace: NAMESPACE, type: "hello" }), "*");
  };

  Copy.prototype.toggle = function () {
    this.owner.postMessage(JSON.stringify({ namespace: NAMESPACE, type: "toggle" }), "*");
  };

  function speakerViewOwner() {
    // The speaker view opens the deck again in frames with ?receiver; the deck
    // itself is the window that opened the speaker view.
    if (!/[?&]receiver\b/.test(window.location.search)) return null;
    try {
      return window.parent !== window && window.parent.opener ? window.parent.opener : null;
    } catch (e) {
      return null;
    }
  }

  window.CourseTimer = {
    id: "course-timer",
    init: function (deck) {
      var owner = speakerViewOwner();
      var timer = owner ? new Copy(deck, owner) : new Timer(deck);
      deck.on("ready", function () {
        deck.getSlides().forEach(function (slide) {
          if (slide.hasAttribute("data-countdown")) {
            var total = parseInt(slide.getAttribute("data-countdown"), 10) || 0;
            show(slide, { remaining: total, running: false });
          }
        });
        if (owner) timer.start();
        else timer.listen();
      });
      deck.addKeyBinding(
        { keyCode: KEY_T, key: "T", description: "Start or pause the activity timer" },
        function () { timer.toggle(); }
      );
    }
  };
})();
