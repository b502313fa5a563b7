package io.keyuan.channel.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ChannelCostRepository extends JpaRepository<ChannelCost, Long> {
    List<ChannelCost> findByChannelIdOrderByMonthDesc(long channelId);

    Optional<ChannelCost> findByChannelIdAndMonth(long channelId, LocalDate month);
}
