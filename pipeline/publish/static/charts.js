/*
 * Enforcement Monitor charts: horizontal bar charts as inline SVG, from Datasette's JSON API.
 *
 * Each <section class="chart" data-query=... data-value=... data-format=...> names a canned
 * query whose rows have a `label` column and numeric columns. Labels come from scraped data, so
 * every piece of text is set with textContent (never innerHTML): the browser escapes it.
 * No libraries and no CDN: the page must work offline and under a strict CSP.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var script = document.currentScript;
  var base = (script && script.dataset.base) || "/";

  function svgElement(name, attributes) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (key) {
      element.setAttribute(key, String(attributes[key]));
    });
    return element;
  }

  // A sum over fines none of which stated an amount is null: say so, never "£0".
  function formatValue(value, format) {
    if (value === null || value === undefined) {
      return "amount not stated";
    }
    var number = Number(value) || 0;
    var text = number.toLocaleString("en-GB", { maximumFractionDigits: 0 });
    return format === "gbp" ? "£" + text : text;
  }

  function setStatus(section, message, isError) {
    var status = section.querySelector(".status");
    if (!status) {
      status = document.createElement("p");
      section.appendChild(status);
    }
    status.className = isError ? "status error" : "status";
    status.textContent = message;
  }

  function drawBars(section, rows, valueColumn, format) {
    // Wide enough for "£14,472,500 (3 cases, 1 amount not stated)" at 1366 px without clipping.
    var rowHeight = 26, labelWidth = 260, valueWidth = 300, barArea = 380;
    var width = labelWidth + barArea + valueWidth;
    var height = rows.length * rowHeight + 10;
    var max = Math.max.apply(null, rows.map(function (row) { return Number(row[valueColumn]) || 0; }));
    var svg = svgElement("svg", {
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-label": section.querySelector("h2").textContent
    });
    rows.forEach(function (row, index) {
      var raw = row[valueColumn];
      var value = Number(raw) || 0;
      var y = index * rowHeight + 5;
      var label = row.label === null || row.label === undefined ? "(none)" : String(row.label);
      var group = svgElement("g", { "class": "row" });

      var labelText = svgElement("text", {
        "class": "label", x: labelWidth - 8, y: y + rowHeight / 2 + 4, "text-anchor": "end"
      });
      labelText.textContent = label.length > 38 ? label.slice(0, 37) + "…" : label;
      group.appendChild(labelText);

      var barWidth = max > 0 && value > 0 ? Math.max(1, Math.round((value / max) * barArea)) : 0;
      var bar = svgElement("rect", {
        "class": "bar", x: labelWidth, y: y + 3, width: barWidth, height: rowHeight - 8
      });
      bar.dataset.label = label;
      bar.dataset.value = String(value);
      var tooltip = svgElement("title");
      var extra = "";
      if (row.cases !== undefined && valueColumn !== "cases") {
        var notes = [row.cases + (Number(row.cases) === 1 ? " case" : " cases")];
        if (Number(row.amount_not_stated) > 0 && raw !== null) {
          notes.push(row.amount_not_stated + " amount not stated");
        }
        extra = " (" + notes.join(", ") + ")";
      }
      tooltip.textContent = label + ": " + formatValue(raw, format) + extra;
      bar.appendChild(tooltip);
      group.appendChild(bar);

      var valueText = svgElement("text", {
        "class": "value", x: labelWidth + barWidth + 6, y: y + rowHeight / 2 + 4
      });
      valueText.textContent = formatValue(raw, format) + extra;
      group.appendChild(valueText);
      svg.appendChild(group);
    });
    section.appendChild(svg);
  }

  function queryLink(section, url) {
    var paragraph = document.createElement("p");
    var link = document.createElement("a");
    link.href = url;
    link.textContent = "See the numbers";
    paragraph.appendChild(link);
    section.appendChild(paragraph);
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status + " from " + url);
      }
      return response.json();
    });
  }

  function drawChart(database, section) {
    var query = section.dataset.query;
    var pageUrl = base + encodeURIComponent(database) + "/" + encodeURIComponent(query);
    return fetchJson(pageUrl + ".json?_shape=array").then(function (rows) {
      if (!rows.length) {
        setStatus(section, "No data yet.", false);
        return;
      }
      section.querySelector(".status").remove();
      drawBars(section, rows, section.dataset.value, section.dataset.format);
      queryLink(section, pageUrl);
    }).catch(function (error) {
      setStatus(section, "Could not load this chart: " + error.message, true);
    });
  }

  function main() {
    var sections = Array.prototype.slice.call(document.querySelectorAll("section.chart"));
    // The page is not tied to one database name: use the first database that has the queries.
    fetchJson(base + "-/databases.json").then(function (databases) {
      var names = databases.map(function (db) { return db.name; }).filter(function (name) {
        return name.charAt(0) !== "_";
      });
      if (!names.length) {
        throw new Error("no database is being served");
      }
      return Promise.all(sections.map(function (section) { return drawChart(names[0], section); }));
    }).then(function () {
      document.body.dataset.chartsReady = "true";
    }).catch(function (error) {
      sections.forEach(function (section) { setStatus(section, "Could not load charts: " + error.message, true); });
      document.body.dataset.chartsReady = "error";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", main);
  } else {
    main();
  }
})();
