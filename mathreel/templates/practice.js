/* mathreel practice checking: a port of mathreel/practice.py's check().
 *
 * Mirrors its rules exactly (tests/test_practice_js.py runs both on one table
 * of cases): numbers as 0.5, .5, 1/2, 1e-3 (and 50% when the exercise allows
 * percentages); vectors as [1, 2], (1,2), 1 2 or <1, -1/2>; matrices as
 * [[1,2],[3,4]], [1 2; 3 4] or 1 2; 3 4; intervals as [a, b], (a, b), a to b;
 * a choice by its letter or its text. Nothing is eval'ed; malformed input is
 * wrong, never an exception. Works in a browser (window.mathreelPractice) and in
 * Node (module.exports).
 */
(function (root) {
  "use strict";
  var MAX_INPUT = 2000;
  var NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

  function clean(text) {
    return text.replace(/[\u2212\u2013]/g, "-").replace(/\u00a0/g, " ").trim();
  }

  function tooLong(text) {
    return typeof text !== "string" || Array.from(text).length > MAX_INPUT;
  }

  function parseNumber(text, percent) {
    if (tooLong(text)) { return null; }
    var s = clean(text).replace(/ /g, "");
    var scale = 1, value;
    if (s.charAt(s.length - 1) === "%") {
      if (!percent) { return null; }
      s = s.slice(0, -1);
      scale = 0.01;
    }
    var parts = s.split("/");
    if (parts.length === 2) {
      if (!(NUMBER.test(parts[0]) && NUMBER.test(parts[1]))) { return null; }
      var top = Number(parts[0]), bottom = Number(parts[1]);
      if (bottom === 0 || !isFinite(top) || !isFinite(bottom)) { return null; }
      value = top / bottom;
    } else if (NUMBER.test(s)) {
      value = Number(s);
    } else {
      return null;
    }
    value *= scale;
    return isFinite(value) ? value : null;
  }

  function items(text) {
    var s = clean(text).replace(/[\[\]()<>{}]/g, " ");
    return s.split(/[,;\s]+/).filter(function (p) { return p.length > 0; });
  }

  function count(text, ch) { return text.split(ch).length - 1; }

  function parseVector(text, percent) {
    if (tooLong(text)) { return null; }
    var s = clean(text);
    if (count(s, "[") > 1 || count(s, "(") > 1) { return null; }
    var values = items(s).map(function (p) { return parseNumber(p, percent); });
    if (!values.length || values.some(function (v) { return v === null; })) { return null; }
    return values;
  }

  function stripChars(text, chars) {
    var start = 0, end = text.length;
    while (start < end && chars.indexOf(text.charAt(start)) >= 0) { start++; }
    while (end > start && chars.indexOf(text.charAt(end - 1)) >= 0) { end--; }
    return text.slice(start, end);
  }

  function parseMatrix(text) {
    if (tooLong(text)) { return null; }
    var s = clean(text);
    var inner = [], found, pattern = /[\[(]([^\[\]()]*)[\])]/g;
    while ((found = pattern.exec(s)) !== null) { inner.push(found[1]); }
    var rawRows = count(s, "[") + count(s, "(") > 1 && inner.length
      ? inner
      : stripChars(s, "[]() ").split(";");
    var rows = rawRows
      .filter(function (r) { return r.trim().length > 0; })
      .map(function (r) { return parseVector(r, false); });
    if (!rows.length || rows.some(function (r) { return r === null; })) { return null; }
    var width = rows[0].length;
    if (rows.some(function (r) { return r.length !== width; })) { return null; }
    return rows;
  }

  function parseInterval(text, percent) {
    if (tooLong(text)) { return null; }
    var s = clean(text).replace(/\bto\b/gi, ",");
    var values = parseVector(s, percent);
    if (values === null || values.length !== 2 || !(values[0] <= values[1])) { return null; }
    return values;
  }

  function close(given, want, tol) {
    if (given.length !== want.length) { return false; }
    for (var k = 0; k < want.length; k++) {
      if (!(Math.abs(given[k] - want[k]) <= tol + 1e-9 * Math.max(1, Math.abs(want[k])))) {
        return false;
      }
    }
    return true;
  }

  function words(text) {
    return text.split(/\s+/).filter(function (w) { return w.length > 0; }).join(" ");
  }

  function choice(exercise, text) {
    var s = words(clean(text).toLowerCase()).replace(/[).]+$/, "").replace(/^\(+/, "");
    if (Array.from(s).length === 1 && /^\p{L}$/u.test(s)) {
      var index = s.codePointAt(0) - 97;
      return index >= 0 && index < exercise.choices.length &&
        exercise.choices[index] === String(exercise.answer);
    }
    return s.length > 0 && s === words(String(exercise.answer).toLowerCase());
  }

  function check(exercise, text) {
    try {
      if (tooLong(text)) { return false; }
      var kind = exercise.kind, answer = exercise.answer, tol = Number(exercise.tolerance) || 0;
      var percent = !!exercise.percent;
      if (kind === "choice") { return choice(exercise, text); }
      if (kind === "number") {
        var value = parseNumber(text, percent);
        return value !== null && close([value], [answer], tol);
      }
      if (kind === "vector") {
        var vector = parseVector(text, percent);
        return vector !== null && close(vector, answer, tol);
      }
      if (kind === "interval") {
        var interval = parseInterval(text, percent);
        return interval !== null && close(interval, answer, tol);
      }
      if (kind === "matrix") {
        var matrix = parseMatrix(text);
        return matrix !== null && matrix.length === answer.length &&
          matrix.every(function (row, k) { return close(row, answer[k], tol); });
      }
    } catch (error) {
      return false;
    }
    return false;
  }

  var api = {
    check: check,
    parseNumber: parseNumber,
    parseVector: parseVector,
    parseMatrix: parseMatrix,
    parseInterval: parseInterval
  };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  root.mathreelPractice = api;
})(typeof window !== "undefined" ? window : globalThis);
