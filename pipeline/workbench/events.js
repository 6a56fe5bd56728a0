// The shared worker behind every tab of a served site: it holds the one
// event stream all of them listen to, since a browser opens only six
// connections to one server and a stream a tab would hold one of them.
'use strict';
const ports = new Set();
let stream = null;
onconnect = (e) => {
  const port = e.ports[0];
  ports.add(port);
  // a page going away says so; one coming back from the back-forward cache too
  port.onmessage = (m) => {
    if (m.data === 'bye') ports.delete(port);
    else if (m.data === 'hi') ports.add(port);
  };
  if (!stream) {
    stream = new EventSource('/events');
    stream.addEventListener('change', (ev) => {
      for (const p of ports) p.postMessage(ev.data);
    });
  }
};
