"""A heavy widget for the demo (``?heavy=1``): what a React-sized chat bundle costs a browser.

Real widgets ship a framework and a component library (0.5–2 MB of JavaScript) and build far
more DOM than the demo's own widget (emoji pickers, help-centre carousels, hidden panels). The
throughput benchmark puts such a widget in the mix so its memory and wall figures are not
flattered by the demo's 10 kB widget. The bundle is generated once, deterministically: a
registry of component functions that is parsed and compiled on load, then run to build a
virtual tree and the DOM it describes (a catalogue panel beside the chat, never inside it, so
the probe's message selectors do not see it).
"""

from __future__ import annotations

from functools import cache

COMPONENTS = 2400  # ~1.2 MB of source, the size of a React + component-library bundle
CATALOGUE_ITEMS = 900  # x4 elements each: ~3,600 nodes of extra DOM
HEAVY_MARKER = "data-heavy-ready"  # set on <html> once the bundle has rendered


def _component(index: int) -> str:
    """One component: a props-to-vnode function with enough body to weigh what real ones do."""
    return (
        f"R.c{index}=function(p){{var s=p&&p.state||{{}};var k='c{index}-'+(p&&p.key||0);"
        f"var cls=['item','item-{index % 17}',s.active?'active':'idle'].join(' ');"
        f"var kids=[];for(var j=0;j<(p&&p.depth||0);j++){{kids.push({{t:'span',a:{{'class':'leaf'}},"
        f"x:String.fromCharCode(97+((j+{index})%26))}});}}"
        f"if(s.error){{throw new Error('component c{index} failed: '+s.error);}}"
        f"return {{t:'li',k:k,a:{{'class':cls,'data-c':'{index}'}},c:kids,"
        f"m:{{n:'c{index}',v:{index * 7919 % 10007},h:[{index % 3},{index % 5},{index % 7}]}}}};}};\n"
    )


@cache
def bundle() -> str:
    """The bundle's source (cached: one per process)."""
    head = (
        "// Generated stand-in for a framework-sized widget bundle (see shopper.demo.heavy).\n"
        "(function(){'use strict';var R={};\n"
    )
    body = "".join(_component(i) for i in range(COMPONENTS))
    tail = f"""
function mount(v){{var n=document.createElement(v.t);Object.keys(v.a||{{}}).forEach(function(k){{n.setAttribute(k,v.a[k]);}});
if(v.x!==undefined){{n.textContent=v.x;}}(v.c||[]).forEach(function(c){{n.appendChild(mount(c));}});return n;}}
var store=[];for(var i=0;i<{COMPONENTS};i++){{store.push(R['c'+i]({{key:i,depth:1,state:{{active:i%2===0}}}}));}}
var panel=document.createElement('ol');panel.id='catalogue';panel.className='catalogue';panel.setAttribute('aria-hidden','true');
for(var i=0;i<{CATALOGUE_ITEMS};i++){{panel.appendChild(mount(R['c'+(i%{COMPONENTS})]({{key:i,depth:3,state:{{active:i%3===0}}}})));}}
var host=document.getElementById('widget-extras');if(host){{host.appendChild(panel);}}
window.__heavyStore=store;document.documentElement.setAttribute('{HEAVY_MARKER}',String(store.length));
}})();
"""
    return head + body + tail
