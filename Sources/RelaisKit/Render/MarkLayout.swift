/// Lays spans over a text as properly nested elements: HTML cannot cross
/// two elements, but annotations do (a term that starts inside one entity
/// and ends inside the next).
///
/// The nesting policy, in order:
/// 1. A span that starts earlier holds one that starts later inside it;
///    at the same start, the longer holds the shorter; at the same bounds,
///    the outer `MarkLayer` holds the inner.
/// 2. A span that crosses the end of the span holding it is cut at that
///    end, and the rest is laid again from there: each piece is marked with
///    the span's index, so the pieces together mark what the span marks.
/// 3. Empty spans and spans outside the text are left out and counted in
///    `outside`.
package struct MarkLayout {
  /// Where spans go, outside first.
  package enum MarkLayer: Int, Comparable, Sendable {
    case block
    case sentence
    case entity
    case term
    case acronym

    package static func < (left: MarkLayer, right: MarkLayer) -> Bool {
      left.rawValue < right.rawValue
    }
  }

  package struct Span: Sendable, Equatable {
    /// Code point offsets into the text.
    package var start: Int
    package var end: Int
    package var layer: MarkLayer

    package init(start: Int, end: Int, layer: MarkLayer) {
      self.start = start
      self.end = end
      self.layer = layer
    }
  }

  /// One step of the laid-out text, in text order.
  package enum Step: Equatable, Sendable {
    /// Code points `range` of the text.
    case text(Range<Int>)
    /// Opens a piece of span `span` (its index in the spans given), `part`
    /// 0 for the first piece.
    case open(span: Int, part: Int)
    case close(span: Int)
  }

  package private(set) var steps: [Step] = []
  /// Spans left out: empty, reversed or outside the text.
  package private(set) var outside = 0

  /// Lays out `spans` over a text of `length` code points.
  package init(spans: [Span], length: Int) {
    struct Piece {
      var start: Int
      var end: Int
      var span: Int
      var part: Int
      var layer: MarkLayer
    }
    func before(_ left: Piece, _ right: Piece) -> Bool {
      (left.start, -left.end, left.layer.rawValue, left.span)
        < (right.start, -right.end, right.layer.rawValue, right.span)
    }
    var pending: [Piece] = []
    for (index, span) in spans.enumerated() {
      guard 0 <= span.start, span.start < span.end, span.end <= length else {
        outside += 1
        continue
      }
      pending.append(
        Piece(start: span.start, end: span.end, span: index, part: 0, layer: span.layer))
    }
    // Sorted last-first, so the next piece is popped from the end.
    pending.sort { before($1, $0) }
    var open: [Piece] = []
    var position = 0
    func advance(to offset: Int) {
      if offset > position { steps.append(.text(position..<offset)) }
      position = Swift.max(position, offset)
    }
    while var piece = pending.popLast() {
      while let top = open.last, top.end <= piece.start {
        advance(to: top.end)
        steps.append(.close(span: top.span))
        open.removeLast()
      }
      advance(to: piece.start)
      if let top = open.last, piece.end > top.end {
        let rest = Piece(
          start: top.end, end: piece.end, span: piece.span, part: piece.part + 1, layer: piece.layer
        )
        piece.end = top.end
        // Back into the pending list at its place.
        var low = 0
        var high = pending.count
        while low < high {
          let middle = (low + high) / 2
          if before(pending[middle], rest) { high = middle } else { low = middle + 1 }
        }
        pending.insert(rest, at: low)
      }
      steps.append(.open(span: piece.span, part: piece.part))
      open.append(piece)
    }
    while let top = open.popLast() {
      advance(to: top.end)
      steps.append(.close(span: top.span))
    }
    advance(to: length)
  }
}
