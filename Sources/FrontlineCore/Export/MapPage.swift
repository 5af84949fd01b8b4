/// The map page's HTML, CSS and script. `@TITLE@`, `@OUTLINE@` and `@POINTS@` are filled in by
/// ``ClaimMap``. Plain canvas drawing, an equirectangular projection fitted to the claims, no
/// network access and no dependencies.
enum MapPage {
    static let template = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>@TITLE@</title>
        <style>
          html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, sans-serif; background: #dfe9f3; }
          #map { display: block; }
          #bar { position: fixed; left: 0; right: 0; bottom: 0; height: 56px; background: #fffd; border-top: 1px solid #999;
                 display: flex; align-items: center; gap: 12px; padding: 0 12px; }
          #bar input { flex: 1; }
          #legend { position: fixed; top: 8px; left: 8px; background: #fffd; border: 1px solid #999; padding: 6px 10px; }
          #legend span.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px; vertical-align: -1px; }
          #info { position: fixed; top: 8px; right: 8px; max-width: 360px; background: #fffd; border: 1px solid #999; padding: 6px 10px; }
        </style>
        </head>
        <body>
        <canvas id="map"></canvas>
        <div id="legend"></div>
        <div id="info">@TITLE@ — click a marker for its claim. Dots: a named place; rings: an area around it.</div>
        <div id="bar"><label for="until">Claims up to</label><input id="until" type="range" min="0" max="0" value="0"><output id="label"></output></div>
        <pre id="drawn" hidden></pre>
        <script>
        "use strict";
        const OUTLINE = @OUTLINE@;
        const POINTS = @POINTS@;
        const canvas = document.getElementById("map");
        const context = canvas.getContext("2d");
        const dates = [...new Set(POINTS.map(p => p.date))].sort();
        const slider = document.getElementById("until");
        slider.max = Math.max(dates.length - 1, 0);
        slider.value = slider.max;
        // "#size=1000x640&until=2017-06-01": a fixed canvas and the slider's start (for links and tests).
        const hash = new URLSearchParams(location.hash.slice(1));
        const size = (hash.get("size") || "").match(/^(\d+)x(\d+)$/);
        if (hash.get("until")) {
          const index = dates.filter(d => d <= hash.get("until")).length - 1;
          slider.value = Math.max(index, 0);
          if (index < 0) slider.dataset.none = "1";
        }

        // The view: the claims' extent with a margin (the world when there are none).
        function extent() {
          if (POINTS.length === 0) return { west: -180, east: 180, south: -60, north: 80 };
          const lons = POINTS.map(p => p.lon), lats = POINTS.map(p => p.lat);
          let west = Math.min(...lons), east = Math.max(...lons), south = Math.min(...lats), north = Math.max(...lats);
          const padLon = Math.max(2, (east - west) * 0.3), padLat = Math.max(1.5, (north - south) * 0.3);
          return { west: west - padLon, east: east + padLon, south: south - padLat, north: north + padLat };
        }

        function draw() {
          const width = size ? +size[1] : window.innerWidth, height = size ? +size[2] : window.innerHeight - 56;
          canvas.width = width; canvas.height = height;
          const view = extent();
          const cos = Math.cos((view.north + view.south) / 2 * Math.PI / 180);
          const scale = Math.min(width / ((view.east - view.west) * cos), height / (view.north - view.south));
          const centerLon = (view.east + view.west) / 2, centerLat = (view.north + view.south) / 2;
          const project = (lon, lat) => [width / 2 + (lon - centerLon) * cos * scale, height / 2 - (lat - centerLat) * scale];

          context.fillStyle = "#dfe9f3";
          context.fillRect(0, 0, width, height);
          function lines(list, style, dash) {
            if (!list) return;
            context.strokeStyle = style; context.lineWidth = 1; context.setLineDash(dash);
            for (const line of list) {
              let lon = line[0] / 100, lat = line[1] / 100;
              context.beginPath();
              context.moveTo(...project(lon, lat));
              for (let i = 2; i < line.length; i += 2) {
                lon += line[i] / 100; lat += line[i + 1] / 100;
                context.lineTo(...project(lon, lat));
              }
              context.stroke();
            }
            context.setLineDash([]);
          }
          if (OUTLINE) { lines(OUTLINE.coast, "#4a5a6a", []); lines(OUTLINE.border, "#8a7a9a", [4, 3]); }

          const until = slider.dataset.none ? "" : dates[slider.value];
          const shown = POINTS.filter(p => p.date <= until);
          document.getElementById("label").textContent = until ? `${until} (${new Set(shown.map(p => p.claim)).size} claims)` : "no claims";
          // Markers at one place fan out, so each stays visible.
          const seen = new Map();
          const drawn = [];
          for (const p of shown) {
            let [x, y] = project(p.lon, p.lat);
            const key = `${Math.round(x)},${Math.round(y)}`;
            const k = seen.get(key) || 0;
            seen.set(key, k + 1);
            if (k > 0) { x += 16 * Math.cos(k * 2.1); y += 16 * Math.sin(k * 2.1); }
            drawn.push({ p, x, y });
          }
          context.font = "12px system-ui, sans-serif"; context.fillStyle = "#222";
          for (const { p, x, y } of drawn) context.fillText(p.place.length > 40 ? p.place.slice(0, 39) + "…" : p.place, x + 14, y + 4);
          const report = [];
          for (const { p, x, y } of drawn) {
            context.beginPath();
            if (p.area) {
              context.arc(x, y, 10, 0, 2 * Math.PI);
              context.strokeStyle = p.color; context.lineWidth = 4; context.stroke();
              report.push({ claim: p.claim, color: p.color, x: Math.round(x + 10), y: Math.round(y) });
            } else {
              context.arc(x, y, 7, 0, 2 * Math.PI);
              context.fillStyle = p.color; context.fill();
              context.strokeStyle = "#fff"; context.lineWidth = 1.5; context.stroke();
              report.push({ claim: p.claim, color: p.color, x: Math.round(x), y: Math.round(y) });
            }
          }
          canvas.markers = drawn;
          document.getElementById("drawn").textContent = JSON.stringify({ width, height, markers: report });
        }

        const legend = document.getElementById("legend");
        const claimants = new Map(POINTS.map(p => [p.claimant, p.color]));
        legend.innerHTML = claimants.size ? "" : "No claim with a resolved place.";
        for (const [name, color] of claimants) {
          const row = document.createElement("div");
          const swatch = document.createElement("span");
          swatch.className = "swatch"; swatch.style.background = color;
          row.append(swatch, document.createTextNode(name));
          legend.append(row);
        }
        canvas.addEventListener("click", event => {
          const hit = (canvas.markers || []).find(m => Math.hypot(m.x - event.offsetX, m.y - event.offsetY) < 12);
          if (!hit) return;
          const p = hit.p;
          document.getElementById("info").textContent = `${p.summary} — ${p.kind}, ${p.status}, ${p.date} (${p.claim})`;
        });
        slider.addEventListener("input", () => { delete slider.dataset.none; draw(); });
        window.addEventListener("resize", draw);
        draw();
        </script>
        </body>
        </html>
        """#
}
