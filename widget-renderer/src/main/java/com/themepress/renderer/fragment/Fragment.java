package com.themepress.renderer.fragment;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.HtmlUtils;

/**
 * The in-page embeddable form of a sanitised render: one {@code <themepress-widget>} element a page
 * can drop in. Its declarative shadow root holds the platform's containment rules, the widget's
 * rescoped CSS and its sanitised HTML, so page CSS and widget CSS cannot reach each other. A small
 * platform script (inside the element, so the fragment stays one element) attaches the shadow root
 * where the browser did not (fragments inserted by script), then runs the widget's script with
 * {@code document} bound to a facade over the widget's own root, {@code window} (and its aliases)
 * to a proxy whose writes stay with the widget, and {@code this} being the widget's root element.
 * The widget's script is embedded as a JSON string, so nothing in it can end the script element.
 *
 * <p>This scopes the widget's script; it is not a sandbox: code written to escape (through a DOM
 * node's {@code ownerDocument}, or the {@code Function} constructor) still reaches the page. So
 * {@link Fragments} uses this form only for widgets without script and for addons granted in-page
 * script; every other widget with script gets the {@link FramedFragment}.
 */
public final class Fragment {

    /** Inside the shadow root: pin the host's box, reset what the page's inheritance would leak in. */
    static final String PLATFORM_CSS = ":host{all:initial;display:block;contain:content;position:relative}"
            + "." + CssScoper.ROOT_CLASS + "{display:block;font:16px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328}";

    /**
     * The platform script. {@code d} is the widget's {@code document}: lookups, {@code body},
     * {@code documentElement} and listeners go to its own root, {@code cookie} is a plain value.
     * {@code g} stands for {@code window}, {@code self}, {@code globalThis}, {@code parent},
     * {@code top} and {@code frames}: it reads through to the page's window (functions bound), but
     * writes land in a per-widget store, its {@code document} is {@code d}, and timers refuse code
     * strings. The widget's code runs in strict mode, so a bare assignment cannot create a page global.
     */
    private static final String BOOTSTRAP = """
            (function(s){var h=s.parentNode,r=h.shadowRoot,code=%s;s.remove();\
            if(!r){var t=h.querySelector('template');r=h.attachShadow({mode:'open'});if(t){r.appendChild(t.content);t.remove();}}\
            var w=r.querySelector('.%s');if(!code||!w){return;}\
            var d={querySelector:function(q){return r.querySelector(q)},querySelectorAll:function(q){return r.querySelectorAll(q)},\
            getElementById:function(i){return r.getElementById(i)},getElementsByClassName:function(c){return w.getElementsByClassName(c)},\
            getElementsByTagName:function(n){return w.getElementsByTagName(n)},\
            createElement:function(n,o){return document.createElement(n,o)},createTextNode:function(t){return document.createTextNode(t)},\
            createDocumentFragment:function(){return document.createDocumentFragment()},\
            addEventListener:function(a,b,c){r.addEventListener(a,b,c)},removeEventListener:function(a,b,c){r.removeEventListener(a,b,c)},\
            body:w,documentElement:w,head:w,readyState:'complete',get activeElement(){return r.activeElement},cookie:'',title:''};\
            var own=Object.create(null),alias={window:1,self:1,globalThis:1,parent:1,top:1,frames:1};\
            function timer(f){return function(fn,ms){if(typeof fn!=='function'){return 0;}\
            return f.apply(window,[fn,ms].concat([].slice.call(arguments,2)));};}\
            var st=timer(window.setTimeout),si=timer(window.setInterval);\
            var g=new Proxy(window,{get:function(o,p){if(p in own){return own[p];}if(p==='document'){return d;}\
            if(alias[p]){return g;}if(p==='setTimeout'){return st;}if(p==='setInterval'){return si;}\
            var v=Reflect.get(o,p);return typeof v==='function'&&!/^[A-Z]/.test(String(p))?v.bind(o):v;},\
            set:function(o,p,v){own[p]=v;return true;},defineProperty:function(o,p,x){Object.defineProperty(own,p,x);return true;},\
            deleteProperty:function(o,p){delete own[p];return true;},has:function(o,p){return p in own||p in o;}});\
            try{new Function('document','window','self','globalThis','parent','top','frames','setTimeout','setInterval','root','host',\
            '"use strict";'+code).call(w,d,g,g,g,g,g,g,st,si,r,h)}\
            catch(e){console.error('themepress-widget '+h.getAttribute('data-addon')+'/'+h.getAttribute('data-widget'),e)}\
            })(document.currentScript);""";

    private Fragment() {
    }

    static byte[] of(String addon, String version, String widget, WidgetOutput safe) {
        StringBuilder html = new StringBuilder(safe.html().length() + safe.css().length() + safe.javascript().length() + 2048);
        html.append("<themepress-widget data-addon=\"").append(HtmlUtils.htmlEscape(addon))
                .append("\" data-widget=\"").append(HtmlUtils.htmlEscape(widget))
                .append("\" data-version=\"").append(HtmlUtils.htmlEscape(version)).append("\">")
                .append("<template shadowrootmode=\"open\"><style>").append(PLATFORM_CSS).append("</style>");
        if (!safe.css().isEmpty()) {
            html.append("<style>").append(safe.css()).append("</style>");
        }
        html.append("<div class=\"").append(CssScoper.ROOT_CLASS).append("\" part=\"root\">").append(safe.html())
                .append("</div></template><script>")
                .append(BOOTSTRAP.formatted(jsString(safe.javascript()), CssScoper.ROOT_CLASS))
                .append("</script></themepress-widget>");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JavaScript string literal that is also inert inside an HTML script element. */
    static String jsString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
