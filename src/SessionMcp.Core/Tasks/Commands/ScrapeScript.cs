namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// The in-page part of <c>scrape</c>: picks the main content and writes it as markdown in the browser, where
/// the DOM is at hand, so only the result crosses the wire.
/// </summary>
internal static class ScrapeScript
{
    public const string Source = """
        (formats) => {
          const pick = () => document.querySelector('main, [role=main]') || document.querySelector('article') || document.body;
          const root = pick().cloneNode(true);
          root.querySelectorAll('script, style, noscript, template, svg, iframe, nav, header, footer, aside, [aria-hidden=true], [hidden]').forEach(n => n.remove());
          const out = {};
          if (formats.includes('html')) out.html = root.outerHTML;
          if (formats.includes('text')) out.text = (pick().innerText || '').trim();
          if (formats.includes('markdown')) {
            const abs = (u) => { try { return new URL(u, document.baseURI).href; } catch { return u; } };
            const inline = (node) => Array.from(node.childNodes).map(md).join('');
            const block = (text) => '\n\n' + text.trim() + '\n\n';
            const md = (node) => {
              if (node.nodeType === 3) return node.textContent.replace(/\s+/g, ' ');
              if (node.nodeType !== 1) return '';
              const tag = node.tagName.toLowerCase();
              switch (tag) {
                case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
                  return block('#'.repeat(+tag[1]) + ' ' + inline(node).trim());
                case 'p': case 'div': case 'section': case 'form': case 'fieldset': return block(inline(node));
                case 'br': return '\n';
                case 'hr': return block('---');
                case 'strong': case 'b': { const t = inline(node).trim(); return t ? `**${t}**` : ''; }
                case 'em': case 'i': { const t = inline(node).trim(); return t ? `*${t}*` : ''; }
                case 'code': return node.closest('pre') ? node.textContent : '`' + node.textContent + '`';
                case 'pre': return block('```\n' + node.textContent.replace(/\n$/, '') + '\n```');
                case 'a': { const t = inline(node).trim(); const h = node.getAttribute('href'); return h && t && !h.startsWith('javascript:') ? `[${t}](${abs(h)})` : t; }
                case 'img': { const alt = node.getAttribute('alt') || ''; const src = node.getAttribute('src'); return src ? `![${alt}](${abs(src)})` : ''; }
                case 'ul': case 'ol': {
                  const items = Array.from(node.children).filter(c => c.tagName === 'LI');
                  return block(items.map((li, i) => (tag === 'ol' ? `${i + 1}. ` : '- ') + inline(li).trim().replace(/\n+/g, '\n  ')).join('\n'));
                }
                case 'blockquote': return block(inline(node).trim().split('\n').map(l => '> ' + l).join('\n'));
                case 'table': {
                  const rows = Array.from(node.querySelectorAll('tr')).map(tr => Array.from(tr.children).map(c => inline(c).trim().replace(/\|/g, '\\|').replace(/\s+/g, ' ')));
                  if (!rows.length) return '';
                  const width = Math.max(...rows.map(r => r.length));
                  const line = (r) => '| ' + Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ') + ' |';
                  return block([line(rows[0]), '|' + ' --- |'.repeat(width), ...rows.slice(1).map(line)].join('\n'));
                }
                case 'input': case 'select': case 'textarea': case 'button': return inline(node);
                default: return inline(node);
              }
            };
            out.markdown = md(root).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
          }
          return out;
        }
        """;
}
