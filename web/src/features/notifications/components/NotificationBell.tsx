import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../../shared/format';
import { useMarkRead, useNotifications } from '../queries';
import type { Notification } from '../types';

export function NotificationBell() {
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  const openItem = (item: Notification) => {
    if (!item.readAt) {
      markRead.mutate(item.id);
    }
    setOpen(false);
    if (item.link && item.link.startsWith('/')) {
      void navigate(item.link);
    }
  };

  const content =
    items.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
    ) : (
      <ul className="notice-list" aria-label="通知列表">
        {items.map((item) => (
          <li key={item.id} className={item.readAt ? undefined : 'notice-unread'}>
            <button type="button" className="notice-item" onClick={() => openItem(item)}>
              <strong>
                {item.title}
                {item.readAt ? null : <span className="visually-hidden">（未读）</span>}
              </strong>
              <span>{item.body}</span>
              <div className="notice-meta">{formatDateTime(item.createdAt)}</div>
            </button>
          </li>
        ))}
      </ul>
    );

  return (
    <Popover content={content} title="通知" trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined />}
          aria-label={unread > 0 ? `通知，${unread} 条未读` : '通知'}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
