import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, type InputRef } from 'antd';
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../../shared/http';
import { formatDate } from '../../../shared/format';
import { StateTag, UrgencyTag } from '../../appeals/components/console/common';
import { useAppealSearch } from '../../appeals/queries';
import { SEARCH_MAX_LENGTH, searchPath } from '../searchParams';
import { useDebouncedValue } from '../useDebouncedValue';
import { Snippet } from './Snippet';
import '../search.css';

const TOP_HITS = 6;
const DEBOUNCE_MS = 250;

/**
 * The console header's search box: a combobox (ARIA 1.2 pattern) that searches as the worker types,
 * after a pause, and lists the top hits. ↑/↓ move through the hits and "查看全部结果", Enter opens the
 * one chosen (or the full results page when none is), Esc closes the list.
 */
export function HeaderSearch() {
  const navigate = useNavigate();
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const inputRef = useRef<InputRef>(null);
  const [text, setText] = useState('');
  // While an input method composes (拼音 before it becomes 汉字), the box holds letters: do not search them.
  const [composing, setComposing] = useState(false);
  const [settledText, setSettledText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const typed = settledText.trim();
  const q = useDebouncedValue(typed, DEBOUNCE_MS);
  const search = useAppealSearch({ q, pageSize: TOP_HITS }, q !== '');
  // Settled: the answer on screen is for what is in the box (not the last one kept while the next loads).
  const settled = q === typed;
  const failed = settled && search.isError && !search.isFetching;
  const ready = settled && !failed && !search.isPlaceholderData && search.data !== undefined;
  const hits = failed ? [] : (search.data?.items ?? []);
  const total = ready ? search.data!.total : 0;
  const atLeast = ready && !search.data!.totalIsExact ? '至少 ' : '';
  // The hits, then "查看全部结果" as the last option.
  const optionCount = hits.length > 0 ? hits.length + 1 : 0;
  const expanded = open && typed !== '';
  const listShown = expanded && optionCount > 0;

  useEffect(() => {
    if (active >= 0) {
      document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }, [active, id]);

  useEffect(() => {
    setActive(-1);
  }, [q]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const go = (path: string) => {
    close();
    inputRef.current?.blur();
    void navigate(path);
  };

  const choose = (index: number) => {
    // Index hits.length is "查看全部结果".
    const hit = hits[index];
    go(hit ? `/console/appeals/${hit.id}` : searchPath(typed));
  };

  const onChange = (value: string) => {
    setText(value);
    if (!composing) {
      setSettledText(value);
    }
    setOpen(true);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing || composing) {
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        if (optionCount > 0) {
          setActive((index) => (index + 1) % optionCount);
        }
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        if (optionCount > 0) {
          setActive((index) => (index <= 0 ? optionCount - 1 : index - 1));
        }
        break;
      case 'Enter':
        event.preventDefault();
        if (listShown && active >= 0) {
          choose(active);
        } else if (typed !== '') {
          go(searchPath(typed));
        }
        break;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          close();
        } else if (text !== '') {
          event.preventDefault();
          onChange('');
        }
        break;
      default:
        break;
    }
  };

  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
      close();
    }
  };

  const status = !expanded
    ? ''
    : failed
      ? `搜索失败：${errorMessage(search.error)}`
      : !ready
        ? '正在搜索…'
        : total === 0
          ? `没有找到与“${typed}”相关的诉求`
          : `找到${atLeast ? '至少' : ''} ${total} 条诉求${total > hits.length ? `，显示前 ${hits.length} 条` : ''}`;

  return (
    <div className="header-search" role="search" aria-label="诉求搜索" onBlur={onBlur}>
      <Input
        ref={inputRef}
        value={text}
        allowClear
        maxLength={SEARCH_MAX_LENGTH}
        prefix={<SearchOutlined aria-hidden />}
        placeholder="搜索诉求内容、地址、答复"
        aria-label="搜索诉求"
        role="combobox"
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-expanded={listShown}
        aria-controls={listShown ? listId : undefined}
        aria-activedescendant={listShown && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        data-testid="header-search"
        onChange={(event) => onChange(event.target.value)}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={(event) => {
          setComposing(false);
          setSettledText(event.currentTarget.value);
        }}
      />
      {/* Read out by screen readers as the results change; the dropdown shows the same words. */}
      <div className="visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
      {expanded ? (
        <div className="header-search-dropdown" data-testid="header-search-dropdown" aria-busy={!ready && !failed}>
          <div className={`header-search-status${failed ? ' header-search-error' : ''}`}>
            <span aria-hidden="true">{status}</span>
            {failed ? (
              <Button size="small" type="link" onMouseDown={(event) => event.preventDefault()} onClick={() => void search.refetch()}>
                重试
              </Button>
            ) : null}
          </div>
          {ready && total === 0 ? <div className="header-search-hint">可以换个说法，或少输几个字再试。</div> : null}
          {listShown ? (
            <ul id={listId} role="listbox" aria-label="搜索结果" className={`header-search-list${ready ? '' : ' header-search-stale'}`}>
              {hits.map((hit, index) => (
                <li
                  key={hit.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  className={`header-search-option${index === active ? ' header-search-active' : ''}`}
                  data-testid={`search-hit-${hit.trackingNo}`}
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => choose(index)}
                >
                  <div className="header-search-line">
                    <span className="header-search-no">{hit.trackingNo}</span>
                    <StateTag state={hit.state} label={hit.stateLabel} />
                    <UrgencyTag urgency={hit.urgency} />
                    <span className="header-search-category">{hit.categoryName}</span>
                    <span className="header-search-date">受理于 {formatDate(hit.receivedAt)}</span>
                  </div>
                  <div className="header-search-text">
                    <Snippet parts={hit.snippet} fallback={hit.preview} />
                  </div>
                </li>
              ))}
              <li
                id={optionId(hits.length)}
                role="option"
                aria-selected={active === hits.length}
                className={`header-search-option header-search-all${active === hits.length ? ' header-search-active' : ''}`}
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(hits.length)}
                onClick={() => choose(hits.length)}
              >
                查看全部结果{ready ? `（${atLeast || '共 '}${total} 条）` : ''}
              </li>
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
